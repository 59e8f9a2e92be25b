package tw.queue.hub.city;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tw.queue.config.CityConfig;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.DemoOffice;

/** The city's test offices: the bundled sample as another district of Taichung, and the city's file. */
public final class CityOffices {
    private CityOffices() {
    }

    /** The sample office's text with another id and district name (西屯區 / Xitun replaced). */
    public static String sampleAs(String id, String zhDistrict, String enDistrict) {
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(OfficeConfigLoader.SAMPLE_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("id: xitun\n", "id: " + id + "\n").replace("西屯區", zhDistrict)
                    .replace("Xitun", enDistrict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** That office as a demo (accounts with cheap hashes, the demo's device tokens). */
    public static OfficeConfig demo(String id, String zhDistrict, String enDistrict) {
        return DemoOffice.with(OfficeConfigLoader.parse(sampleAs(id, zhDistrict, enDistrict), id + ".yaml"), 1_000);
    }

    /** Taichung, this member on 127.0.0.1:{@code port}, with the given members' ports. */
    public static CityConfig taichung(int port, int... members) {
        return new CityConfig("taichung-test", Map.of("zh-TW", "臺中市", "en", "Taichung City"), "127.0.0.1", port,
                java.util.Arrays.stream(members).mapToObj(p -> new CityConfig.Member("127.0.0.1", p)).toList(),
                List.of("transcript", "registration"));
    }
}
