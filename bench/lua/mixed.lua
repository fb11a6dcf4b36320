-- Okta's mix, 80% reads and 20% writes: 50% lookup by userName, 30% GET /Users/{id},
-- 10% POST /Users, 5% PUT /Users/{id}, 5% PATCH active.
dofile("common.lua")

local ids, names
local counter = 0

function init(args)
  seed_random()
  ids, names = load_users()
end

function request()
  counter = counter + 1
  local i = math.random(#ids)
  local dice = math.random(100)
  if dice <= 50 then
    return scim_request("GET", "/scim/v2/Users?filter=" .. urlencode('userName eq "' .. names[i] .. '"'))
  elseif dice <= 80 then
    return scim_request("GET", "/scim/v2/Users/" .. ids[i])
  elseif dice <= 90 then
    local name = string.format("mixed.%s.%d.%d@bench.example", run_tag, tid, counter)
    return scim_request("POST", "/scim/v2/Users", user_json(name, "Mixed", "User" .. counter, true))
  elseif dice <= 95 then
    local given = string.format("Mixed%s%d%d", run_tag, tid, counter)
    return scim_request("PUT", "/scim/v2/Users/" .. ids[i], user_json(names[i], given, "User", true))
  else
    local body = patch_json({ '{"op":"replace","value":{"active":' .. tostring(math.random(2) == 1) .. '}}' })
    return scim_request("PATCH", "/scim/v2/Users/" .. ids[i], body)
  end
end
