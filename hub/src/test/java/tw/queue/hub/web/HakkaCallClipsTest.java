package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * The committed call clips a board without a voice for the language plays (webroot/audio/TAG/NAME.wav): the
 * sequence for 「請 2001 號到 5 號櫃檯」 exists and is speech, not silence. Read with javax.sound.sampled.
 */
class HakkaCallClipsTest {
    /** 請 二千零一 號 到 五 號 櫃檯, as the Hakka speech block of i18n/hak.json reads it (numbers "zh"). */
    static final List<String> CALL_2001_TO_5 =
            List.of("qing", "2", "qian", "0", "1", "hao", "dao", "5", "hao", "guitai");
    /** RMS of 16-bit samples, as a share of full scale: -40 dBFS. Speech normalised to -1 dBFS peak is near -20. */
    private static final double RMS_FLOOR = 0.01;

    @Test
    void theHakkaCallOf2001ToCounter5IsSpeechInEveryClip() throws Exception {
        double total = 0;
        for (String name : CALL_2001_TO_5) {
            Clip clip = read("hak", name);
            System.out.printf("hak/%s.wav: %.2f s, RMS %.3f of full scale%n", name, clip.seconds, clip.rms);
            assertThat(clip.seconds).as("hak/%s.wav length, s", name).isBetween(0.08, 2.0);
            assertThat(clip.rms).as("hak/%s.wav RMS", name).isGreaterThan(RMS_FLOOR);
            total += clip.seconds;
        }
        assertThat(total).as("the whole call, s").isBetween(1.5, 8.0);
    }

    /**
     * The same call in Vietnamese and Indonesian, the clips named by the language file's speech block (those
     * read numbers digit by digit): renaming a clip there without making it fails here.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"vi", "id"})
    void theVietnameseAndIndonesianCallsAreSpeechToo(String tag) throws Exception {
        io.vertx.core.json.JsonObject speech = WebBundlesTest.bundle(tag).getJsonObject("speech");
        assertThat(speech.getString("numbers")).isEqualTo("digits");
        List<String> names = new java.util.ArrayList<>();
        for (Object part : speech.getJsonArray("clips")) {
            String p = String.valueOf(part);
            if (p.startsWith("{number")) {
                names.addAll(List.of("2", "0", "0", "1"));
            } else if (p.startsWith("{counter")) {
                names.add("5");
            } else {
                names.add(p);
            }
        }
        for (String name : names) {
            Clip clip = read(tag, name);
            assertThat(clip.seconds).as("%s/%s.wav length, s", tag, name).isBetween(0.08, 2.0);
            assertThat(clip.rms).as("%s/%s.wav RMS", tag, name).isGreaterThan(RMS_FLOOR);
        }
        System.out.println(tag + ": " + names + " all speech");
    }

    record Clip(double seconds, double rms) {
    }

    static Clip read(String tag, String name) throws Exception {
        String path = "webroot/audio/" + tag + "/" + name + ".wav";
        InputStream raw = HakkaCallClipsTest.class.getClassLoader().getResourceAsStream(path);
        assertThat(raw).as(path + " on the classpath").isNotNull();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getEncoding()).as(path).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(f.getSampleSizeInBits()).as(path).isEqualTo(16);
            assertThat(f.getChannels()).as(path).isEqualTo(1);
            assertThat(f.isBigEndian()).as(path + " little-endian, as WAV is").isFalse();
            byte[] bytes = in.readAllBytes();
            int samples = bytes.length / 2;
            double sum = 0;
            for (int i = 0; i < samples; i++) {
                int s = bytes[2 * i + 1] << 8 | (bytes[2 * i] & 0xff);
                double x = s / 32768.0;
                sum += x * x;
            }
            return new Clip(samples / f.getSampleRate(), samples == 0 ? 0 : Math.sqrt(sum / samples));
        }
    }
}
