-- Okta's deactivation, PATCH replace {"active": false}. Each thread walks its own share of the
-- seeded users; the next pass over them reactivates, so every request is a real change.
dofile("common.lua")

local ids
local k

function init(args)
  ids = load_users()
  k = math.floor(start_index / nthreads)
end

function request()
  local share = math.floor(#ids / nthreads)
  local i = tid + (k % share) * nthreads + 1
  local active = math.floor(k / share) % 2 == 1
  k = k + 1
  local body = patch_json({ '{"op":"replace","value":{"active":' .. tostring(active) .. '}}' })
  return scim_request("PATCH", "/scim/v2/Users/" .. ids[i], body)
end
