package io.github.darajakit.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * How heavy a page is and how soon a phone on a slow network first draws it: loads each page in a
 * fresh headless Chromium (Debian's {@code chromium} and {@code chromium-driver}: nothing cached),
 * 320 px wide, with Chromium's network emulation off and then at DevTools' "Slow 3G" (2,000 ms
 * latency, 50,000 bytes/s each way), and prints for each the requests made, the bytes transferred,
 * first contentful paint and the layout shift, medians of {@code runs} loads.
 *
 * <p>Usage: {@code java -cp daraja-bench.jar io.github.darajakit.bench.CheckoutPageBench RUNS
 * LABEL=URL...} ({@code run-checkout-bench.sh} passes the checkout pages and, for comparison, the
 * dashboard's sign-in page, which loads its script and style as separate files).
 */
public final class CheckoutPageBench {

  /** DevTools' "Slow 3G" preset: 500 kbit/s × 0.8 each way, 400 ms × 5 latency. */
  static final Map<String, Object> SLOW_3G =
      Map.of(
          "offline", false,
          "latency", 2000,
          "downloadThroughput", 50_000,
          "uploadThroughput", 50_000);

  private CheckoutPageBench() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    System.out.println(
        "| page | network | requests | bytes transferred | first contentful paint (median of "
            + runs
            + ") | min–max | layout shift |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int i = 1; i < args.length; i++) {
      String[] labelled = args[i].split("=", 2);
      for (boolean slow : new boolean[] {false, true}) {
        List<Load> loads = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          loads.add(load(labelled[1], slow));
        }
        List<Double> paints = loads.stream().map(Load::firstPaintMs).sorted().toList();
        Load first = loads.get(0);
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %d | %,d | %,.0f ms | %,.0f–%,.0f ms | %.3f |%n",
            labelled[0],
            slow ? "Slow 3G" : "no throttling",
            first.requests(),
            first.bytes(),
            paints.get(paints.size() / 2),
            paints.get(0),
            paints.get(paints.size() - 1),
            loads.stream().mapToDouble(Load::layoutShift).max().orElse(0));
      }
    }
  }

  /** One page load: what it fetched and when it first drew. */
  record Load(long requests, long bytes, double firstPaintMs, double layoutShift) {}

  static Load load(String url, boolean slow) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=320,640",
        "--lang=en-KE");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    try {
      browser.executeCdpCommand("Network.enable", Map.of());
      browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
      if (slow) {
        browser.executeCdpCommand("Network.emulateNetworkConditions", SLOW_3G);
      }
      browser.get(url);
      @SuppressWarnings("unchecked")
      Map<String, Object> measured =
          (Map<String, Object>)
              browser.executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "let shift = 0;"
                      + "new PerformanceObserver(l => l.getEntries().forEach(e => shift += e.value))"
                      + "  .observe({type: 'layout-shift', buffered: true});"
                      + "const finish = () => {"
                      + "  const nav = performance.getEntriesByType('navigation')[0];"
                      + "  const res = performance.getEntriesByType('resource');"
                      + "  const paint = performance.getEntriesByName('first-contentful-paint')[0];"
                      + "  done({requests: 1 + res.length, names: res.map(r => r.name).join(' '),"
                      + "    bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),"
                      + "    paint: paint ? paint.startTime : -1, shift: shift});"
                      + "};"
                      // Wait for what the page fetches after loading (a link's session) to settle.
                      + "setTimeout(finish, "
                      + (slow ? 6000 : 1000)
                      + ");");
      if (Boolean.getBoolean("bench.verbose")) {
        System.err.println(url + " fetched: " + measured.get("names"));
      }
      return new Load(
          ((Number) measured.get("requests")).longValue(),
          ((Number) measured.get("bytes")).longValue(),
          ((Number) measured.get("paint")).doubleValue(),
          ((Number) measured.get("shift")).doubleValue());
    } finally {
      browser.quit();
    }
  }
}
