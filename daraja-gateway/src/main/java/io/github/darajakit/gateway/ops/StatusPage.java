package io.github.darajakit.gateway.ops;

/**
 * The page at {@code /} until the dashboard arrives: what this is and where to look. It shows no
 * data (nothing here is readable without an API key).
 */
public final class StatusPage {

  private StatusPage() {}

  /** The page. */
  public static String html() {
    return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>DarajaKit gateway</title>
        <style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;
        line-height:1.5}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:.2rem}</style>
        </head>
        <body>
        <h1>DarajaKit gateway</h1>
        <p>The gateway is running. Its merchant API is under <code>/v1</code> (send your API key as
        <code>Authorization: Bearer &lt;key&gt;</code>); health is at <a href="/health">/health</a>
        and metrics at <a href="/metrics">/metrics</a>.</p>
        <p>Create a payment:</p>
        <pre><code>curl -X POST $GATEWAY/v1/payments \\
          -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \\
          -d '{"phone":"0708374149","amount":10,"reference":"INV-1","description":"Invoice 1"}'</code></pre>
        </body>
        </html>
        """;
  }
}
