-- wrk at a fixed offered rate: each connection waits <delay-ms> after every answer, so about
-- connections x 1000 / delay-ms requests per second are sent while the server keeps up. Paths come from a file;
-- thread i of n takes paths i, i+n, i+2n, ... so that with as many paths as requests none is asked twice.
-- Usage: wrk -t <n> -c <connections> -s fixed-rate.lua <base-url> -- <delay-ms> <paths-file> <n>
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk-threads.lua")

function init(args)
  pause = tonumber(args[1])
  step = tonumber(args[3])
  paths = {}
  for line in io.lines(args[2]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  cursor = index
end

function delay()
  return pause
end

function request()
  local path = paths[(cursor % #paths) + 1]
  cursor = cursor + step
  return wrk.format(nil, path)
end
