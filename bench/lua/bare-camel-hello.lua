-- The bare ceiling's Camel REST route (bench/ceiling): the same route as the service's GET /bench/hello.
dofile("common.lua")
response = nil
non2xx = nil

local hello

-- Built in init(): wrk knows the Host header only from then on.
function init(args)
  hello = wrk.format("GET", "/camel/hello")
end

function request()
  return hello
end
