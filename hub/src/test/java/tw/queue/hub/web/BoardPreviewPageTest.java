package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/** The manager sees, beside the devices' health, what each LED board shows as its agent sends it. */
class BoardPreviewPageTest {
    @TempDir
    Path data;

    /** A stand-in for the agent's virtual board: amber dots on a dark face, 300 x 40. */
    private static String boardPicture() throws Exception {
        BufferedImage img = new BufferedImage(300, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x14, 0x10, 0x0C));
        g.fillRect(0, 0, 300, 40);
        g.setColor(new Color(0xFF, 0xB0, 0x20));
        for (int x = 6; x < 294; x += 12) {
            g.fillOval(x, 14, 10, 10);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void theManagersPageShowsTheLobbyBoardAsItsAgentDrawsIt() throws Exception {
        try (TestHub hub = TestHub.demo(data); Browser staff = Browser.open(Browser.Screen.COUNTER)) {
            HubClient calls = hub.client();
            assertThat(calls.post("/api/devices/demo-board-1/health", "demo-board-1",
                    "{\"components\":{\"display:demo-board-1\":\"ok\"}}").status()).isEqualTo(200);
            assertThat(calls.post("/api/devices/demo-board-1/preview", "demo-board-1",
                    "{\"png\":\"" + boardPicture() + "\"}").status()).isEqualTo(204);

            staff.go(hub.url("/manager"));
            staff.waitForShown("#login");
            staff.find("#username").sendKeys("manager");
            staff.find("#password").sendKeys("demo", Keys.ENTER);
            String img = "#board-previews figure[data-device='demo-board-1'] img";
            staff.waitFor("the board's picture", d -> Long.valueOf(300).equals(
                    staff.js("const i = document.querySelector(\"" + img + "\"); return i && !i.hidden ? i.naturalWidth : 0")));
            assertThat(staff.find("#board-previews figure[data-device='demo-board-1'] figcaption").getText())
                    .isEqualTo("demo-board-1: 正常");
            staff.screenshot("manager-board-preview");
            staff.assertAccessible("/manager board preview");
        }
    }
}
