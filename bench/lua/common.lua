-- Shared by the workload scripts (run by bench/run with this directory as the working directory):
-- thread numbering, the token and seeded data from the environment, SCIM request building,
-- non-2xx counting, and the one JSON line bench/run reads from wrk's output.

token = os.getenv("BENCH_TOKEN")
run_tag = os.getenv("BENCH_RUN") or "run"
nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
-- Requests earlier runs of the same workload made (the warm-up), so a measured run continues
-- where they stopped instead of repeating changes that are already there.
start_index = tonumber(os.getenv("BENCH_START") or "0")

local scim_json = "application/scim+json"
local patch_op = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

local pace = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end

function seed_random()
  math.randomseed(os.time() * 1000 + tid)
end

-- Lines "id userName" written by bench/run when it seeded the users.
function load_users()
  local ids, names = {}, {}
  for line in io.lines(os.getenv("BENCH_USERS")) do
    local id, name = line:match("^(%S+) (%S+)$")
    ids[#ids + 1] = id
    names[#names + 1] = name
  end
  return ids, names
end

function load_lines(path)
  local lines = {}
  for line in io.lines(path) do
    lines[#lines + 1] = line
  end
  return lines
end

function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function scim_request(method, path, body)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = scim_json }
  if body then
    headers["Content-Type"] = scim_json
  end
  return wrk.format(method, path, headers, body)
end

function user_json(user_name, given_name, family_name, active)
  return string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",'
      .. '"name":{"givenName":"%s","familyName":"%s"},"emails":[{"primary":true,"value":"%s","type":"work"}],'
      .. '"displayName":"%s %s","active":%s}',
      user_name, given_name, family_name, user_name, given_name, family_name, tostring(active))
end

function patch_json(operations)
  return '{"schemas":["' .. patch_op .. '"],"Operations":[' .. table.concat(operations, ",") .. ']}'
end

non2xx = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    local counted = thread:get("non2xx")
    if counted == nil then
      -- Scripts without a response() (the trivial routes) rely on wrk's own count of 4xx and 5xx.
      non2xx_total = summary.errors.status
      break
    end
    non2xx_total = non2xx_total + counted
  end
  local e = summary.errors
  io.write(string.format('BENCH_RESULT {"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d,'
      .. ' "timeouts": %d, "p50_us": %d, "p99_us": %d, "p999_us": %d, "max_us": %d}\n',
      summary.requests, summary.duration, non2xx_total, e.connect + e.read + e.write, e.timeout,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
