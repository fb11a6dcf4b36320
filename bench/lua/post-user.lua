-- POST /Users with a new userName each time (the run tag keeps runs apart). With BENCH_DELAY_MS
-- each connection waits that long between requests, which paces the rate.
dofile("common.lua")

local counter = 0

function request()
  counter = counter + 1
  local name = string.format("post.%s.%d.%d@bench.example", run_tag, tid, counter)
  return scim_request("POST", "/scim/v2/Users", user_json(name, "Post", "User" .. counter, true))
end
