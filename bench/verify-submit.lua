-- wrk submitting exactly <count> verifications over all threads, as fast as the connections allow, then only a
-- liveness check per connection every 5 s until the benchmark stops it (wrk keeps every connection busy: without the
-- delay, the idle connections would load the service under test with liveness checks while the warmups run).
-- Incident ids are bench-<stamp>-<thread>-<n>, so the benchmark finds its verifications in the database.
-- Usage: wrk -t <n> -c <connections> -s verify-submit.lua <verify-url> -- <count> <warmup-sec> <stamp> <n>
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk-threads.lua")

function init(args)
  local threads = tonumber(args[4])
  quota = math.floor(tonumber(args[1]) / threads)
  if index < tonumber(args[1]) % threads then quota = quota + 1 end
  -- wrk calls request() once on thread 0 to check the script before anything is sent: that call is not a request.
  if index == 0 then quota = quota + 1 end
  warmup = args[2]
  stamp = args[3]
  sent = 0
end

function request()
  if sent >= quota then
    return wrk.format("GET", "/q/health/live")
  end
  sent = sent + 1
  local body = '{"incident":{"incident_id":"bench-' .. stamp .. '-' .. index .. '-' .. sent ..
      '","signals":[{"labels":{"alertname":"BenchAlert"}}]},' ..
      '"action_taken":"kubectl rollout restart deployment/bench","warmup_sec":' .. warmup .. '}'
  return wrk.format("POST", "/api/verifications", { ["Content-Type"] = "application/json" }, body)
end

function delay()
  if sent >= quota then
    return 5000
  end
  return 0
end
