package tw.queue.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the office file's and the cluster file's loaders share before either looks at the YAML: reading the file
 * as strict UTF-8 (a byte that is not, a missing or unreadable file, each one clear problem) and a text's
 * byte-order mark left out.
 */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The file's text, or a {@link ConfigException} naming the file and what is wrong with it. */
    static String read(Path file, ConfigMessages messages) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw single(source, 0, messages.get("io.notFound"));
        } catch (IOException e) {
            throw single(source, 0, messages.get("io.cannotRead", e.getMessage()));
        }
        return decode(bytes, source, messages);
    }

    /** Strict UTF-8: a malformed byte is the installer's to fix, not a replacement character in a name. */
    static String decode(byte[] bytes, String source, ConfigMessages messages) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw single(source, 0, messages.get("io.notUtf8"));
        }
    }

    /** The text without a leading byte-order mark (some Windows editors write one). */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static ConfigException single(String source, int line, String message) {
        return new ConfigException(List.of(new ConfigProblem(source, line, message)));
    }
}
