package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium at a device's real screen size, driven through /usr/bin/chromedriver (never
 * Selenium Manager, which would download a browser). Missing browser, driver or CJK font fail the test with
 * what to install: CI installs them with scripts/install-browser-deps.sh.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
    static final Path CJK_FONTS = Path.of("/usr/share/fonts/opentype/noto");
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static String axeSource;
    // Selenium warns that it has no CDP classes for this Chromium; the tests use none.
    private static final java.util.logging.Logger QUIET = quiet();

    /** The screens the pages are made for. */
    enum Screen {
        KIOSK(1080, 1920), BOARD(1920, 1080), COUNTER(1366, 768), PHONE(390, 844),
        /** The volunteer's touch tablet. */
        TABLET(1280, 800),
        /** The manager's desktop. */
        MANAGER(1440, 900);

        final int width;
        final int height;

        Screen(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    final ChromeDriver driver;
    private final Path profile;
    private final List<String> consoleLines = new ArrayList<>();

    private Browser(Screen screen, boolean sound) {
        requireInstalled();
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile, "--window-size=" + screen.width + "," + screen.height);
        if (sound) {
            options.addArguments("--autoplay-policy=no-user-gesture-required");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // The window's size is not the page's: set the viewport itself to the device's screen.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen.width,
                "height", screen.height, "deviceScaleFactor", 1, "mobile", screen == Screen.PHONE));
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.openqa.selenium");
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    static Browser open(Screen screen) {
        return new Browser(screen, false);
    }

    /** A lobby board: sound allowed without a click, as in the documented kiosk-mode flags. */
    static Browser withSound(Screen screen) {
        return new Browser(screen, true);
    }

    static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!new File(CHROMIUM).canExecute()) {
            missing.add("chromium (" + CHROMIUM + ")");
        }
        if (!new File(CHROMEDRIVER).canExecute()) {
            missing.add("chromium-driver (" + CHROMEDRIVER + ")");
        }
        if (!Files.isDirectory(CJK_FONTS)) {
            missing.add("fonts-noto-cjk (" + CJK_FONTS + "), without which Chinese renders as boxes");
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The browser tests need Debian's " + String.join(", ", missing)
                    + ". Install them with: sudo scripts/install-browser-deps.sh");
        }
    }

    Browser go(String url) {
        driver.get(url);
        return this;
    }

    /** Opens a staff page and waits for its sign-in form. */
    Browser signInPage(String url) {
        go(url);
        waitForShown("#login");
        return this;
    }

    /** Signs in on the form shown; Enter in the password field sends it. */
    void signIn(String username, String password) {
        find("#username").sendKeys(username);
        find("#password").sendKeys(password, Keys.ENTER);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
        try {
            // A page that re-renders may replace an element between finding it and reading it: look again.
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (RuntimeException e) {
            Path shot = screenshot("FAILED-" + System.currentTimeMillis());
            throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what + " (see " + shot
                    + ")\nbrowser console:\n" + console(), e);
        }
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(10), what, condition);
    }

    /** Waits until the element is shown and contains the text. */
    WebElement waitForText(String css, String text) {
        return waitFor("'" + text + "' in " + css, d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
    }

    WebElement waitForShown(String css) {
        return waitFor(css + " shown", d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The page's visible text. */
    String text() {
        return find("body").getText();
    }

    /** Saves a screenshot of the whole window to target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser downloads from now on into {@code dir} (Chromium's CDP download behaviour). */
    Path downloadsTo(Path dir) {
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", dir.toAbsolutePath().toString(), "eventsEnabled", false));
        return dir;
    }

    /** Renders the page for a medium ("print", "screen"; "" for the device's own) as Chromium's print does. */
    void emulateMedia(String media) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    /** Prints the page to target/screenshots/NAME.pdf with its own page size ({@code @page}); returns the bytes. */
    byte[] printToPdf(String name) {
        Map<String, Object> result = driver.executeCdpCommand("Page.printToPDF", Map.of("printBackground", true,
                "preferCSSPageSize", true));
        byte[] pdf = java.util.Base64.getDecoder().decode((String) result.get("data"));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".pdf"), pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf;
    }

    /** Runs axe-core on the page as it is now and asserts no serious or critical violation. */
    void assertAccessible(String where) {
        assertAccessible(where, List.of());
    }

    /**
     * The same with rules axe leaves off by default turned on too (for example {@code p-as-heading}). axe-core is
     * put in the page once per document.
     */
    void assertAccessible(String where, List<String> alsoRules) {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object';"))) {
            js(axe());
        }
        String rules = alsoRules.stream().map(r -> "'" + r + "': {enabled: true}")
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
        String result = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations'], rules: " + rules + "})"
                        + ".then(r => done(JSON.stringify(r.violations)))"
                        + ".catch(e => done(JSON.stringify([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: []}])));");
        List<String> bad = new ArrayList<>();
        List<String> lesser = new ArrayList<>();
        for (Object o : new JsonArray(result)) {
            JsonObject v = (JsonObject) o;
            String impact = v.getString("impact");
            if (!"serious".equals(impact) && !"critical".equals(impact)) {
                lesser.add(impact + " " + v.getString("id"));
            } else {
                StringBuilder sb = new StringBuilder(impact + " " + v.getString("id") + ": " + v.getString("help"));
                for (Object n : v.getJsonArray("nodes", new JsonArray())) {
                    JsonObject node = (JsonObject) n;
                    sb.append("\n    at ").append(node.getJsonArray("target")).append(": ")
                            .append(node.getString("failureSummary", "").replace('\n', ' '));
                }
                bad.add(sb.toString());
            }
        }
        if (!lesser.isEmpty()) {
            System.out.println("axe-core on " + where + ", below serious: " + lesser);
        }
        assertThat(bad).as("axe-core on " + where).isEmpty();
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new AssertionError("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
                }
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    /** The browser console so far (errors of the page's scripts show up here). */
    String console() {
        readConsole();
        return String.join("\n", consoleLines);
    }

    /** Chromium hands each console line out once: keep them all, for {@link #console()} and the CSP check. */
    private void readConsole() {
        try {
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                consoleLines.add(e.getLevel() + " " + e.getMessage());
            }
        } catch (RuntimeException e) {
            consoleLines.add("(no console: " + e.getMessage() + ")");
        }
    }

    /** The Content-Security-Policy refusals Chromium reported so far, taken out (a test that provokes them). */
    List<String> takeCspRefusals() {
        readConsole();
        List<String> refused = consoleLines.stream().filter(l -> l.contains("Content Security Policy")).toList();
        consoleLines.removeAll(refused);
        return refused;
    }

    /**
     * Closes the browser, and fails when a page broke the hub's Content-Security-Policy (an inline script or
     * handler, eval, a resource from elsewhere): Chromium reports each refusal in the console.
     */
    @Override
    public void close() {
        List<String> refused;
        try {
            readConsole();
            refused = consoleLines.stream().filter(l -> l.contains("Content Security Policy")).toList();
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
        if (!refused.isEmpty()) {
            throw new AssertionError("the page broke the Content-Security-Policy:\n" + String.join("\n", refused));
        }
    }
}
