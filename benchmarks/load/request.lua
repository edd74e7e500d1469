-- The wrk script behind every row of benchmarks/load/run.sh: one request shape per run, described by
-- environment variables so that the same script (and so the same wrk work per request) drives the
-- direct, nginx and gateway variants. Appends one JSON line of results to $PGW_RESULT in done().
--
--   PGW_METHOD   GET, PATCH, PUT, POST (default GET)
--   PGW_HEADERS  header lines "Name: value", separated by "\n"
--   PGW_BODY     request body (sent as is)
--   PGW_DIGEST   "user:password": act as an RFC 7616 Digest client (MD5, qop=auth), for the partner
--                backend reached without the gateway. The request is then built per call (nc counts
--                up), and a 401 challenge is answered by adopting its nonce.
--   PGW_LABEL    copied into the result line
--   PGW_RESULT   file the result line is appended to
--   PGW_LUA_DIR  where md5.lua lives
local method = os.getenv("PGW_METHOD") or "GET"
local body = os.getenv("PGW_BODY")
local digest = os.getenv("PGW_DIGEST")

wrk.method = method
if body and body ~= "" then wrk.body = body end
for line in (os.getenv("PGW_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

-- Threads are kept so that done() can collect their Digest counters.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

if digest and digest ~= "" then
  package.path = (os.getenv("PGW_LUA_DIR") or ".") .. "/?.lua;" .. package.path
  local md5 = require("md5")
  local user, password = digest:match("^([^:]*):(.*)$")
  local realm, nonce, opaque
  local nc = 0
  local ha1, ha2
  challenges = 0  -- global: read by done() through thread:get()

  function request()
    local headers = {}
    for k, v in pairs(wrk.headers) do headers[k] = v end
    if nonce then
      nc = nc + 1
      local ncs = string.format("%08x", nc)
      local cnonce = string.format("%08x%08x", math.random(0, 0x7fffffff), nc)
      local response = md5(ha1 .. ":" .. nonce .. ":" .. ncs .. ":" .. cnonce .. ":auth:" .. ha2)
      headers["Authorization"] = string.format(
          'Digest username="%s", realm="%s", nonce="%s", uri="%s", algorithm=MD5, qop=auth, nc=%s, ' ..
          'cnonce="%s", response="%s", opaque="%s"', user, realm, nonce, wrk.path, ncs, cnonce, response,
          opaque or "")
    end
    return wrk.format(method, wrk.path, headers, wrk.body)
  end

  function response(status, headers, _)
    if status ~= 401 then return end
    local challenge = headers["WWW-Authenticate"] or headers["www-authenticate"] or ""
    local n = challenge:match('nonce="([^"]*)"')
    if not n then return end
    challenges = challenges + 1
    realm = challenge:match('realm="([^"]*)"')
    opaque = challenge:match('opaque="([^"]*)"')
    nonce, nc = n, 0
    ha1 = md5(user .. ":" .. realm .. ":" .. password)
    ha2 = md5(method .. ":" .. wrk.path)
  end
end

function done(summary, latency, _)
  local challenge_total = 0
  for _, t in ipairs(threads) do challenge_total = challenge_total + (tonumber(t:get("challenges")) or 0) end
  local e = summary.errors
  local line = string.format(
      '{"label":"%s","requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
      '"p999_us":%d,"max_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"client_challenges":%d}\n',
      os.getenv("PGW_LABEL") or "", summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      latency.max, e.connect, e.read, e.write, e.status, e.timeout, challenge_total)
  local path = os.getenv("PGW_RESULT")
  if path and path ~= "" then
    local f = assert(io.open(path, "a"))
    f:write(line)
    f:close()
  else
    io.write(line)
  end
end
