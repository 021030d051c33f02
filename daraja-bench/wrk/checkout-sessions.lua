-- POST /v1/checkout-sessions, a new order each request (run-checkout-bench.sh): the merchant API
-- key comes from the environment (API_KEY).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil,
    '{"amount":1500,"reference":"ORD-' .. n .. '","description":"Order ' .. n ..
    '","success_url":"https://shop.example/paid","cancel_url":"https://shop.example/cart"}')
end
