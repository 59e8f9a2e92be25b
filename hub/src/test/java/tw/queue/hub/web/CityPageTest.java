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
 * (not clustered: the summaries of four running office hubs are published on its own event bus every second, as
 * the cluster would deliver them), on a Tuesday morning clock. At Xitun counter 19 (transcripts, no passports)
 * with nobody waiting; at Beitun counter 1 (both) with 3 waiting for transcripts; at Dali counters 1-3 with 4
 * waiting (more people than Beitun, a shorter wait); Nantun's member has been dropped by the cluster. Picking
 * transcripts: Xitun, Dali, Beitun, then Nantun with "no data since"; picking passports: Dali, Beitun, Xitun ("no
 * counter serves it now"), Nantun. axe-core clean in every language; the phone's and the kiosk's hint.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CityPageTest {
    @TempDir
    static Path data;
    static TestHub xitun;
    static TestHub beitun;
    static TestHub nantun;
    static TestHub dali;
    /** As EveryPageAccessibleTest: axe's defaults and p-as-heading. */
    private static final List<String> ALSO = List.of("p-as-heading");
    static Vertx cityVertx;
    static CityViewVerticle city;

    /** The hint test's city: kiosks and phones name shorter offices above 10 minutes (hint-after-minutes: 10). */
    static CityView hinting;
    /** The same city with the longest threshold the cluster file allows (600 minutes): no hint. */
    static CityView patient;

    @BeforeAll
    static void threeOfficesAndTheCity() {
        Browser.requireInstalled();
        // a Tuesday morning in Taipei, whatever the hour the test runs: the offices are open (officeOpen)
        Clock morning = Clock.offset(Clock.systemUTC(),
                java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse("2026-12-01T02:00:00Z")));
        xitun = TestHub.demoOf(data.resolve("xitun"), TestHub.DEMO, "127.0.0.1", morning);
        beitun = TestHub.demoOf(data.resolve("beitun"), CityOffices.demo("beitun", "北屯區", "Beitun"), "127.0.0.1",
                morning);
        nantun = TestHub.demoOf(data.resolve("nantun"), CityOffices.demo("nantun", "南屯區", "Nantun"), "127.0.0.1",
                morning);
        dali = TestHub.demoOf(data.resolve("dali"), CityOffices.demo("dali", "大里區", "Dali"), "127.0.0.1", morning);
        // counter 19 serves transcripts but no passports, counter 1 both; Dali has more waiting than Beitun but
        // three counters for them
        lobby(xitun.client(), 19, 0, 0);
        dali.client().openCounter(2);
        dali.client().openCounter(3);
        lobby(dali.client(), 1, 4, 0);
        lobby(beitun.client(), 1, 3, 0);
        lobby(nantun.client(), 1, 0, 0);
        cityVertx = Vertx.vertx();
        city = new CityViewVerticle(new CityView(CityOffices.taichung(5701, 5701)), "127.0.0.1", 0);
        cityVertx.deployVerticle(city).await();
        hinting = new CityView(new tw.queue.config.CityConfig("taichung-test",
                java.util.Map.of("zh-TW", "臺中市", "en", "Taichung City"), "127.0.0.1", 5701, List.of(),
                List.of("transcript", "registration"), 10));
        patient = new CityView(new tw.queue.config.CityConfig("taichung-test",
                java.util.Map.of("zh-TW", "臺中市", "en", "Taichung City"), "127.0.0.1", 5701, List.of(),
                List.of("transcript", "registration"), 600));
        // Nantun published once and its member was dropped; Xitun and Beitun publish every second, as publishers do
        publish(nantun);
        cityVertx.setPeriodic(0, 1_000, id -> {
            publish(xitun);
            publish(beitun);
            publish(dali);
        });
        long end = System.nanoTime() + 5_000_000_000L;
        while (city.view().json(System.currentTimeMillis()).getJsonArray("offices").size() < 4 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        city.view().memberLeft("nantun-member");
        hinting.memberLeft("nantun-member");
        patient.memberLeft("nantun-member");
    }

    private static void publish(TestHub hub) {
        hub.verticle().publicSummary().onSuccess(summary -> {
            long now = System.currentTimeMillis();
            summary.put("publishedAt", now).put("member", hub == nantun ? "nantun-member" : "member-" + hub.port());
            cityVertx.eventBus().publish(CityCluster.SUMMARY_ADDRESS, summary);
            hinting.take(summary, now);
            patient.take(summary, now);
        });
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
        for (TestHub hub : new TestHub[] {xitun, beitun, nantun, dali}) {
            if (hub != null) {
                hub.close();
            }
        }
    }

    /** How many wait for a service at an office, as the city view has it. */
    private static int waiting(String office, String service) {
        return city.view().json(System.currentTimeMillis()).getJsonArray("offices").stream()
                .map(JsonObject.class::cast).filter(o -> o.getJsonObject("office").getString("id").equals(office))
                .flatMap(o -> o.getJsonArray("services").stream().map(JsonObject.class::cast))
                .filter(s -> s.getString("service").equals(service)).findFirst().orElseThrow().getInteger("waiting");
    }

    /** The estimate the city view has for an office and service, in seconds. */
    private static long estimate(String office, String service) {
        return city.view().json(System.currentTimeMillis()).getJsonArray("offices").stream()
                .map(JsonObject.class::cast).filter(o -> o.getJsonObject("office").getString("id").equals(office))
                .flatMap(o -> o.getJsonArray("services").stream().map(JsonObject.class::cast))
                .filter(s -> s.getString("service").equals(service)).findFirst().orElseThrow()
                .getLong("estimatedWaitSeconds");
    }

    /** The offices in the page's order, read at once (the list is drawn again every few seconds). */
    @SuppressWarnings("unchecked")
    private static List<String> order(Browser phone) {
        return (List<String>) phone.js("return [...document.querySelectorAll('#offices li[data-office]')]"
                + ".map(li => li.dataset.office);");
    }

    /** An element's text, read at once. */
    private static String text(Browser phone, String css) {
        return (String) phone.js("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theCitizenSeesTheOfficesSortedByTheWaitForTheErrandTheyPick() {
        try (Browser phone = Browser.open(Browser.Screen.PHONE)) {
            phone.go("http://127.0.0.1:" + city.port() + "/city?lang=zh-TW");
            phone.waitFor("four offices", d -> order(phone).size() == 4 ? true : null);
            assertThat(new Select(phone.find("#service")).getFirstSelectedOption().getAttribute("value"))
                    .as("the first cross-district errand is picked first").isEqualTo("transcript");
            // sorted by the estimate, not by how many wait: Dali has more waiting than Beitun, and a shorter wait
            assertThat(waiting("dali", "transcript")).isGreaterThan(waiting("beitun", "transcript"));
            assertThat(estimate("dali", "transcript")).isLessThan(estimate("beitun", "transcript"));
            assertThat(order(phone)).containsExactly("xitun", "dali", "beitun", "nantun");
            assertThat(text(phone, "#offices li[data-office=xitun] .co-wait")).isEqualTo("不需等候");
            assertThat(text(phone, "#offices li[data-office=beitun] .co-wait"))
                    .isEqualTo("約 " + (estimate("beitun", "transcript") + 59) / 60 + " 分");
            assertThat(text(phone, "#offices li[data-office=nantun] .co-stale")).contains("以後沒有資料");
            assertThat(text(phone, "#offices li[data-office=beitun] .co-cross")).contains("跨區受理")
                    .contains("戶籍謄本");
            assertThat(text(phone, "#offices li[data-office=beitun] h2")).isEqualTo("臺中市北屯區戶政事務所");
            phone.assertAccessible("/city sorted for transcripts (zh-TW)", ALSO);
            // every service's wait, opened, stays open while the list is read again
            phone.js("document.querySelector('#offices li[data-office=beitun] summary').click();");
            long readings = ((Number) phone.js("return window.cityPage.readings;")).longValue();
            phone.waitFor("the list read again", d -> ((Number) phone.js("return window.cityPage.readings;"))
                    .longValue() > readings ? true : null);
            assertThat(phone.js("return document.querySelector('#offices li[data-office=beitun] details').open;"))
                    .isEqualTo(true);
            assertThat(text(phone, "#offices li[data-office=beitun] details")).contains("護照申辦");
            phone.assertAccessible("/city with one office's every service opened (zh-TW)", ALSO);

            new Select(phone.find("#service")).selectByValue("passport");
            phone.waitFor("sorted for passports", d -> order(phone).get(0).equals("dali") ? true : null);
            assertThat(estimate("dali", "passport")).isLessThan(estimate("beitun", "passport"));
            assertThat(order(phone)).containsExactly("dali", "beitun", "xitun", "nantun");
            assertThat(text(phone, "#offices li[data-office=xitun] .co-wait")).isEqualTo("目前沒有櫃檯辦理");
            assertThat(text(phone, "#sorted")).contains("護照");
            for (String tag : List.of("en", "vi", "id", "th", "zh-TW")) {
                phone.find("#langs button[data-lang='" + tag + "']").click();
                phone.waitFor("the page in " + tag, d -> tag.equals(phone.js("return document.documentElement.lang;")) ? true : null);
                assertThat(order(phone)).as("the errand stays picked").containsExactly("dali", "beitun", "xitun", "nantun");
                phone.assertAccessible("/city sorted for passports (" + tag + ")", ALSO);
            }
            phone.find("#langs button[data-lang='en']").click();
            phone.waitFor("English", d -> text(phone, "#offices li[data-office=nantun] .co-stale")
                    .startsWith("No data since") ? true : null);
            phone.screenshot("city-phone");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anOfficeHubThatIsNotPartOfACitySaysSoOnItsCityPage() {
        try (Browser phone = Browser.open(Browser.Screen.PHONE)) {
            phone.go(xitun.url("/city?lang=en"));
            phone.waitFor("the message", d -> phone.find("#message").isDisplayed() ? true : null);
            assertThat(phone.find("#message").getText()).contains("not part of a city");
            assertThat(order(phone)).isEmpty();
            phone.assertAccessible("/city on a hub without a city (en)");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(0)
    void theCityMembersAnswersCarryTheSecurityHeadersAsAnOfficeHubs() {
        HubClient member = new HubClient("http://127.0.0.1:" + city.port());
        for (String path : List.of("/city", "/api/public/city", "/static/js/city.js", "/static/nothing.js", "/kiosk")) {
            var r = member.exchange(member.request(path, null).GET().build());
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.statusCode()).as(path).isEqualTo(path.equals("/static/nothing.js") || path.equals("/kiosk")
                    ? 404 : 200);
        }
    }

    /** Last: it takes numbers at Beitun and Xitun. */
    @Test
    @org.junit.jupiter.api.Order(3)
    void aPhoneAtBeitunNamesTheOfficeWhereTheWaitForTranscriptsIsShorter() {
        beitun.verticle().city(hinting);
        JsonObject ticket = beitun.client().issue("transcript");
        assertThat(ticket.getLong("estimatedWaitSeconds")).as("past the city's 10 minutes")
                .isGreaterThan(10 * 60L);
        try (Browser phone = Browser.open(Browser.Screen.PHONE)) {
            phone.go(beitun.url("/t/" + ticket.getString("id")));
            phone.waitForShown("#elsewhere");
            String hint = text(phone, "#elsewhere");
            assertThat(hint).startsWith("About " + Math.max(1, (ticket.getLong("estimatedWaitSeconds") + 59) / 60)
                    + " minutes' wait at Beitun District").contains("; Xitun District Household Registration Office,"
                    + " Taichung about 1 minute").doesNotContain("Nantun");
            assertThat(hint.indexOf("Xitun")).as("the shortest first").isLessThan(hint.indexOf("Dali") < 0
                    ? Integer.MAX_VALUE : hint.indexOf("Dali"));
            phone.assertAccessible("/t/{id} with the city's hint (en)", ALSO);
            phone.find("#langs button[data-lang='zh-TW']").click();
            phone.waitFor("the hint in Chinese", d -> text(phone, "#elsewhere").contains("現在等候約") ? true : null);
            assertThat(text(phone, "#elsewhere")).contains("，臺中市西屯區戶政事務所約 1 分");
            // the same wait in a city whose threshold is 600 minutes: no hint
            beitun.verticle().city(patient);
            phone.go(beitun.url("/t/" + ticket.getString("id")));
            phone.waitFor("the city's hint looked for at Beitun", d -> "true".equals(phone.js(
                    "return document.getElementById('elsewhere').dataset.checked;")) ? true : null);
            assertThat(phone.find("#elsewhere").isDisplayed()).as("under 600 minutes").isFalse();
            beitun.verticle().city(hinting);
            // a short wait gives no hint: Xitun's own phone
            xitun.verticle().city(hinting);
            JsonObject quick = xitun.client().issue("transcript");
            assertThat(quick.getLong("estimatedWaitSeconds")).as("under the city's 10 minutes").isLessThan(10 * 60L);
            phone.go(xitun.url("/t/" + quick.getString("id")));
            phone.waitForShown("#ahead");
            phone.waitFor("the city's hint looked for", d -> "true".equals(phone.js(
                    "return document.getElementById('elsewhere').dataset.checked;")) ? true : null);
            assertThat(phone.find("#elsewhere").isDisplayed()).isFalse();
        } finally {
            xitun.verticle().city(null);
        }
    }

    /** After the phone's: Beitun's transcripts wait longer still. */
    @Test
    @org.junit.jupiter.api.Order(4)
    void theKioskSlipAtBeitunNamesTheShorterOffice() {
        beitun.verticle().city(hinting);
        try (Browser kiosk = Browser.open(Browser.Screen.KIOSK)) {
            kiosk.go(beitun.url("/kiosk"));
            kiosk.waitForShown(".service[data-service=transcript]").click();
            kiosk.waitForShown("#confirm, #ticket");
            if (kiosk.find("#confirm").isDisplayed()) {
                kiosk.find("#confirm-take").click();
            }
            kiosk.waitForShown("#ticket-elsewhere");
            // Xitun has one number waiting now, from the phone's test
            assertThat(text(kiosk, "#ticket-elsewhere"))
                    .matches("臺中市北屯區戶政事務所現在等候約 \\d+ 分(，臺中市(西屯|大里)區戶政事務所約 \\d+ 分){2}");
            kiosk.assertAccessible("/kiosk slip with the city's hint (zh-TW)", ALSO);
        }
    }
}
