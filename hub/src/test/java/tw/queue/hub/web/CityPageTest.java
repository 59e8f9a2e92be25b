package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import tw.queue.hub.city.CityCluster;
import tw.queue.hub.city.CityOffices;
import tw.queue.hub.city.CityView;
import tw.queue.hub.city.CityViewVerticle;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * {@code /city} on a phone, as {@code hub.jar city} serves it: the city member's verticle on a Vert.x of its own
 * (not clustered: the summaries of three running office hubs are published on its own event bus, as the cluster
 * would deliver them). One counter open at each: at Xitun counter 19 (transcripts, no passports) with nobody
 * waiting, at Beitun counter 1 (both) with 3 waiting for transcripts; Nantun's member has been dropped by the
 * cluster. The citizen who picks transcripts sees Beitun first, then Xitun, and
 * Nantun last with "no data since"; picking passports puts Xitun first. axe-core clean in every language.
 */
class CityPageTest {
    @TempDir
    static Path data;
    static TestHub xitun;
    static TestHub beitun;
    static TestHub nantun;
    static Vertx cityVertx;
    static CityViewVerticle city;

    @BeforeAll
    static void threeOfficesAndTheCity() {
        Browser.requireInstalled();
        xitun = TestHub.demo(data.resolve("xitun"));
        beitun = TestHub.demoOf(data.resolve("beitun"), CityOffices.demo("beitun", "北屯區", "Beitun"), "127.0.0.1",
                Clock.systemUTC());
        nantun = TestHub.demoOf(data.resolve("nantun"), CityOffices.demo("nantun", "南屯區", "Nantun"), "127.0.0.1",
                Clock.systemUTC());
        // counter 19 serves transcripts but no passports, counter 1 both
        lobby(xitun.client(), 19, 0, 0);
        lobby(beitun.client(), 1, 3, 0);
        lobby(nantun.client(), 1, 0, 0);
        cityVertx = Vertx.vertx();
        city = new CityViewVerticle(new CityView(CityOffices.taichung(5701, 5701)), "127.0.0.1", 0);
        cityVertx.deployVerticle(city).await();
        long now = System.currentTimeMillis();
        for (TestHub hub : List.of(xitun, beitun, nantun)) {
            JsonObject summary = hub.verticle().publicSummary().await().put("publishedAt", now)
                    .put("member", hub == nantun ? "nantun-member" : "member-" + hub.port());
            cityVertx.eventBus().publish(CityCluster.SUMMARY_ADDRESS, summary);
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (city.view().json(now).getJsonArray("offices").size() < 3 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        city.view().memberLeft("nantun-member");
    }

    private static void lobby(HubClient hub, int counter, int transcripts, int passports) {
        hub.openCounter(counter);
        for (int i = 0; i < transcripts; i++) {
            hub.issue("transcript");
        }
        for (int i = 0; i < passports; i++) {
            hub.issue("passport");
        }
    }

    @AfterAll
    static void stop() {
        if (cityVertx != null) {
            cityVertx.close().await();
        }
        for (TestHub hub : new TestHub[] {xitun, beitun, nantun}) {
            if (hub != null) {
                hub.close();
            }
        }
    }

    /** The estimate the city view has for an office and service, in seconds. */
    private static long estimate(String office, String service) {
        return city.view().json(System.currentTimeMillis()).getJsonArray("offices").stream()
                .map(JsonObject.class::cast).filter(o -> o.getJsonObject("office").getString("id").equals(office))
                .flatMap(o -> o.getJsonArray("services").stream().map(JsonObject.class::cast))
                .filter(s -> s.getString("service").equals(service)).findFirst().orElseThrow()
                .getLong("estimatedWaitSeconds");
    }

    private static List<String> order(Browser phone) {
        return phone.all("#offices li[data-office]").stream().map(li -> li.getAttribute("data-office")).toList();
    }

    @Test
    void theCitizenSeesTheOfficesSortedByTheWaitForTheErrandTheyPick() {
        try (Browser phone = Browser.open(Browser.Screen.PHONE)) {
            phone.go("http://127.0.0.1:" + city.port() + "/city?lang=zh-TW");
            phone.waitFor("three offices", d -> order(phone).size() == 3 ? true : null);
            assertThat(new Select(phone.find("#service")).getFirstSelectedOption().getAttribute("value"))
                    .as("the first cross-district errand is picked first").isEqualTo("transcript");
            assertThat(order(phone)).containsExactly("xitun", "beitun", "nantun");
            assertThat(phone.find("#offices li[data-office=xitun] .co-wait").getText()).isEqualTo("不需等候");
            assertThat(phone.find("#offices li[data-office=beitun] .co-wait").getText())
                    .isEqualTo("約 " + (estimate("beitun", "transcript") + 59) / 60 + " 分");
            assertThat(phone.find("#offices li[data-office=nantun] .co-stale").getText()).contains("以後沒有資料");
            assertThat(phone.find("#offices li[data-office=beitun] .co-cross").getText()).contains("跨區受理")
                    .contains("戶籍謄本");
            assertThat(phone.find("#offices li[data-office=beitun] h2").getText()).isEqualTo("臺中市北屯區戶政事務所");
            phone.assertAccessible("/city sorted for transcripts (zh-TW)");

            new Select(phone.find("#service")).selectByValue("passport");
            phone.waitFor("sorted for passports", d -> order(phone).get(0).equals("beitun") ? true : null);
            assertThat(order(phone)).containsExactly("beitun", "xitun", "nantun");
            assertThat(phone.find("#offices li[data-office=xitun] .co-wait").getText()).isEqualTo("目前沒有櫃檯辦理");
            assertThat(phone.find("#sorted").getText()).contains("護照");
            for (String tag : List.of("en", "vi", "id", "th", "zh-TW")) {
                phone.find("#langs button[data-lang='" + tag + "']").click();
                phone.waitFor("the page in " + tag, d -> tag.equals(phone.js("return document.documentElement.lang;")) ? true : null);
                assertThat(order(phone)).as("the errand stays picked").containsExactly("beitun", "xitun", "nantun");
                phone.assertAccessible("/city sorted for passports (" + tag + ")");
            }
            phone.find("#langs button[data-lang='en']").click();
            phone.waitFor("English", d -> phone.find("#offices li[data-office=nantun] .co-stale").getText()
                    .startsWith("No data since") ? true : null);
            phone.screenshot("city-phone");
        }
    }

    @Test
    void anOfficeHubThatIsNotPartOfACitySaysSoOnItsCityPage() {
        try (Browser phone = Browser.open(Browser.Screen.PHONE)) {
            phone.go(xitun.url("/city?lang=en"));
            phone.waitFor("the message", d -> phone.find("#message").isDisplayed() ? true : null);
            assertThat(phone.find("#message").getText()).contains("not part of a city");
            assertThat(order(phone)).isEmpty();
            phone.assertAccessible("/city on a hub without a city (en)");
        }
    }
}
