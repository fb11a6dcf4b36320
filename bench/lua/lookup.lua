-- Okta's lookup before every assignment: GET /Users?filter=userName eq "..." for a random seeded user.
dofile("common.lua")

local names

function init(args)
  seed_random()
  _, names = load_users()
end

function request()
  local name = names[math.random(#names)]
  return scim_request("GET", "/scim/v2/Users?filter=" .. urlencode('userName eq "' .. name .. '"'))
end
