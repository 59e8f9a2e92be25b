package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.TestHub;

/**
 * A stranger's page cannot frame the kiosk (to overlay it and steal taps), and markup slipped into a page cannot
 * run script: Chromium itself refuses, on the hub's Content-Security-Policy.
 */
class FramingAndInjectionTest {
    @TempDir
    Path data;

    @Test
    void aStrangersPageCannotFrameTheKioskAndInjectedMarkupRunsNoScript() {
        try (TestHub hub = TestHub.demo(data); Browser browser = Browser.open(Browser.Screen.KIOSK)) {
            browser.go(hub.url("/kiosk"));
            browser.waitForShown(".service[data-service=transcript]");
            // An inline handler, as a stored cross-site script would arrive through innerHTML.
            browser.js("document.body.insertAdjacentHTML('beforeend',"
                    + " '<img id=bait src=/nothing.png onerror=\"window.pwned = 1\">');");
            browser.waitFor(Duration.ofSeconds(5), "Chromium refusing the inline handler",
                    d -> browser.takeCspRefusals().stream().anyMatch(l -> l.contains("script-src")) ? true : null);
            assertThat(browser.js("return window.pwned === undefined;")).isEqualTo(true);

            // Framed, even by a page of the hub's own: the board's content never shows inside the kiosk's frame.
            browser.js("const f = document.createElement('iframe'); f.src = '/board';"
                    + " f.onload = () => { let d = null; try { d = f.contentDocument; } catch (e) { }"
                    + " window.framedBoard = !!(d && d.getElementById('now-number')); };"
                    + " document.body.appendChild(f);");
            browser.waitFor(Duration.ofSeconds(10), "the frame done loading",
                    d -> browser.js("return window.framedBoard === undefined ? null : true;"));
            assertThat(browser.js("return window.framedBoard;")).as("the board shown in a frame").isEqualTo(false);
            browser.takeCspRefusals();
        }
    }
}
