-- One member into the big group (all seeded users but the first BENCH_RESERVE): Okta's add of one
-- member. Each thread walks its share of the reserved users; the next pass removes them again
-- (Okta's remove by members[value eq "id"]), so the group stays between its size and that plus
-- the reserve, and every request is a real change.
dofile("common.lua")

local ids
local group = os.getenv("BENCH_BIG_GROUP")
local reserve = tonumber(os.getenv("BENCH_RESERVE"))
local k

function init(args)
  ids = load_users()
  k = math.floor(start_index / nthreads)
end

function request()
  local share = math.floor(reserve / nthreads)
  local id = ids[tid + (k % share) * nthreads + 1]
  local add = math.floor(k / share) % 2 == 0
  k = k + 1
  local operation
  if add then
    operation = '{"op":"add","path":"members","value":[{"value":"' .. id .. '"}]}'
  else
    operation = '{"op":"remove","path":"members[value eq \\"' .. id .. '\\"]"}'
  end
  return scim_request("PATCH", "/scim/v2/Groups/" .. group, patch_json({ operation }))
end
