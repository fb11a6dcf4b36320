-- Okta's group push: PATCH /Groups/{id} adding 256 members. Each thread takes its share of the
-- seeded groups in turn and the next 256 users for each; once a group holds every user, the
-- following pass removes them 256 at a time, so every request changes 256 memberships.
dofile("common.lua")

local ids
local groups = {}
local k

function init(args)
  ids = load_users()
  for index, id in ipairs(load_lines(os.getenv("BENCH_GROUPS"))) do
    if (index - 1) % nthreads == tid then
      groups[#groups + 1] = id
    end
  end
  k = math.floor(start_index / nthreads)
end

function request()
  local group = groups[(k % #groups) + 1]
  local round = math.floor(k / #groups)
  local first = (round * 256) % #ids
  local add = math.floor(round * 256 / #ids) % 2 == 0
  k = k + 1
  local members = {}
  for j = 0, 255 do
    members[#members + 1] = '{"value":"' .. ids[((first + j) % #ids) + 1] .. '"}'
  end
  local op = add and "add" or "remove"
  local body = patch_json({ '{"op":"' .. op .. '","path":"members","value":[' .. table.concat(members, ",") .. ']}' })
  return scim_request("PATCH", "/scim/v2/Groups/" .. group, body)
end
