-- wrk submitting exactly <count> verifications over all threads, as fast as the connections allow, then only
-- liveness checks until the benchmark stops it. Incident ids are bench-<stamp>-<thread>-<n>, so the benchmark finds its verifications in the database.
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
    -- wrk keeps every connection busy: once the quota is sent, idle connections only ask for liveness.
    return wrk.format("GET", "/q/health/live")
  end
  sent = sent + 1
  local body = '{"incident":{"incident_id":"bench-' .. stamp .. '-' .. index .. '-' .. sent ..
      '","signals":[{"labels":{"alertname":"BenchAlert"}}]},' ..
      '"action_taken":"kubectl rollout restart deployment/bench","warmup_sec":' .. warmup .. '}'
  return wrk.format("POST", "/api/verifications", { ["Content-Type"] = "application/json" }, body)
end
