-- Okta's profile push: PUT /Users/{id} with a changed name; the answer is the whole user.
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
  local given = string.format("Put%s%d%d", run_tag, tid, counter)
  return scim_request("PUT", "/scim/v2/Users/" .. ids[i], user_json(names[i], given, "User", true))
end
