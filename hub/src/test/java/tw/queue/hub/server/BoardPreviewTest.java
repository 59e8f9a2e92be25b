package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/** The lobby board's agent sends what the board shows; the manager sees it; nobody else may send it. */
class BoardPreviewTest {
    /** The smallest PNG there is: 1x1, one grey pixel. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");

    @TempDir
    Path data;
    private TestHub server;
    private HubClient hub;
    private String manager;

    @BeforeEach
    void start() {
        server = TestHub.demo(data);
        hub = server.client();
        manager = hub.login("manager");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> preview(String id, String token) throws Exception {
        return HttpClient.newHttpClient().send(hub.request("/api/devices/" + id + "/preview.png", token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HubClient.Response upload(String id, String token, String base64) {
        return hub.post("/api/devices/" + id + "/preview", token, "{\"png\":\"" + base64 + "\"}");
    }

    @Test
    void theManagerSeesWhatTheBoardLastSent() throws Exception {
        assertThat(preview("demo-board-1", manager).statusCode()).as("nothing sent yet").isEqualTo(404);
        assertThat(upload("demo-board-1", "demo-board-1", Base64.getEncoder().encodeToString(PNG)).status())
                .isEqualTo(204);
        HttpResponse<byte[]> got = preview("demo-board-1", manager);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(got.body()).isEqualTo(PNG);
    }

    @Test
    void onlyTheBoardItselfSendsItsPictureAndOnlyAPictureIsKept() throws Exception {
        String png = Base64.getEncoder().encodeToString(PNG);
        assertThat(upload("demo-board-1", "demo-kiosk-1", png).status()).as("a kiosk").isEqualTo(403);
        assertThat(upload("demo-board-2", "demo-board-1", png).error()).as("another board's id").isEqualTo("not-your-device");
        assertThat(upload("demo-board-1", null, png).status()).isEqualTo(401);
        assertThat(upload("demo-board-1", "demo-board-1", png).status()).isEqualTo(204);
        HubClient.Response notPng = upload("demo-board-1", "demo-board-1",
                Base64.getEncoder().encodeToString("GIF89a not a png".getBytes()));
        assertThat(notPng.status()).isEqualTo(400);
        assertThat(notPng.error()).isEqualTo("not-png");
        assertThat(upload("demo-board-1", "demo-board-1", "@@@@@@@@").error()).isEqualTo("not-png");
        assertThat(hub.post("/api/devices/demo-board-1/preview", "demo-board-1", "{\"png\":\"" + png + "\",\"x\":1}")
                .status()).as("an unknown field").isEqualTo(400);
        assertThat(preview("demo-board-1", manager).body()).as("the last good picture stays").isEqualTo(PNG);
        assertThat(preview("demo-board-1", hub.login("volunteer")).statusCode()).isEqualTo(403);
        assertThat(preview("demo-board-1", null).statusCode()).isEqualTo(401);
    }
}
