package tw.queue.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CityConfigLoaderTest {
    static final String TAICHUNG = """
            id: taichung
            name: {zh-TW: 臺中市, en: Taichung City}
            host: 192.168.50.11
            port: 5701
            members: [192.168.50.11:5701, 192.168.50.12:5701]
            cross-district-services: [transcript, registration]
            """;

    @Test
    void theCitysInstallerWritesTheMembersAndTheErrandsAnyOfficeTakes() {
        CityConfig city = CityConfigLoader.parse(TAICHUNG, "taichung.yaml", Locale.ENGLISH);
        assertEquals("taichung", city.id());
        assertEquals("臺中市", city.name().get("zh-TW"));
        assertEquals(5701, city.port());
        assertEquals(List.of(new CityConfig.Member("192.168.50.11", 5701), new CityConfig.Member("192.168.50.12", 5701)),
                city.members());
        assertEquals(List.of("transcript", "registration"), city.crossDistrictServices());
        assertEquals(CityConfig.DEFAULT_HINT_AFTER_MINUTES, city.hintAfterMinutes(), "the hint's threshold by default");
    }

    @Test
    void aClusterFileIsReadAsTheOfficeFileIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("taichung.yaml");
        java.nio.file.Files.write(file, ("\uFEFF" + TAICHUNG).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("taichung", CityConfigLoader.load(file, Locale.ENGLISH).id(), "a byte-order mark is left out");
        java.nio.file.Files.write(file, TAICHUNG.replace("Taichung City", "Taichung\u00e9").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> CityConfigLoader.load(file, Locale.ENGLISH));
        assertTrue(e.getMessage().contains("the file is not UTF-8 text; save it as UTF-8"), e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> CityConfigLoader.load(dir.resolve("none.yaml"), Locale.ENGLISH));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    }

    @Test
    void theCityMaySayAboveWhichWaitKiosksNameTheShorterOffices() {
        assertEquals(45, CityConfigLoader.parse(TAICHUNG + "hint-after-minutes: 45\n", "t.yaml", Locale.ENGLISH)
                .hintAfterMinutes());
        for (String bad : List.of("0", "601", "half an hour", "12.5")) {
            ConfigException e = assertThrows(ConfigException.class, () -> CityConfigLoader.parse(
                    TAICHUNG + "hint-after-minutes: " + bad + "\n", "t.yaml", Locale.ENGLISH));
            assertTrue(e.getMessage().contains("hint-after-minutes must be a whole number of minutes from 1 to 600"),
                    e.getMessage());
        }
    }

    @Test
    void everyMistakeIsReportedAtOnceInTheInstallersLanguage() {
        String bad = TAICHUNG.replace("port: 5701", "port: 99999").replace("192.168.50.12:5701", "192.168.50.12")
                .replace("registration]", "registration, transcript]") + "multicast: true\n";
        ConfigException e = assertThrows(ConfigException.class,
                () -> CityConfigLoader.parse(bad, "taichung.yaml", Locale.ENGLISH));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("port must be a whole number from 1 to 65535, not \"99999\""), e.getMessage());
        assertTrue(e.getMessage().contains("members lists \"192.168.50.12\", which is not host:port"), e.getMessage());
        assertTrue(e.getMessage().contains("lists \"transcript\" twice"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key \"multicast\""), e.getMessage());
        ConfigException zh = assertThrows(ConfigException.class,
                () -> CityConfigLoader.parse(bad, "taichung.yaml", Locale.TRADITIONAL_CHINESE));
        assertTrue(zh.getMessage().contains("不認得的鍵「multicast」"), zh.getMessage());
    }

    @Test
    void aFileWithoutMembersOrNameIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CityConfigLoader.parse("id: taichung\nhost: 10.0.0.1\nport: 5701\n", "c.yaml", Locale.ENGLISH));
        assertTrue(e.getMessage().contains("name needs both zh-TW and en"), e.getMessage());
        assertTrue(e.getMessage().contains("members is missing or empty"), e.getMessage());
    }
}
