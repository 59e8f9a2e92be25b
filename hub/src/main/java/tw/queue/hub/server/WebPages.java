package tw.queue.hub.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The web clients the hub serves: kiosk, board, counter, volunteer, manager and a ticket's phone page. Each
 * page is a plain HTML file under {@code webroot/} with its ES modules and styles under {@code /static/};
 * no build step. The one generated file is {@code /static/i18n/index.json}, the languages on offer, so that
 * adding {@code webroot/i18n/vi.json} is all it takes to add Vietnamese.
 */
public final class WebPages {
    private static final String ROOT = "webroot";
    /**
     * A page: its file (the rest of its body), the text key of its title, the class of its body (the styles key
     * on it), its stylesheets (by name, linked in this order after base.css) and its script (by name), and
     * whether it opens with the plain title bar (the title and the language switch).
     */
    private record Page(String file, String title, String bodyClass, List<String> styles, String script,
            boolean titleBar) {
        Page(String file, String title, String bodyClass, String style, String script, boolean titleBar) {
            this(file, title, bodyClass, List.of(style), script, titleBar);
        }

        /** What every page shares, in one place: the head, the body tag and, where asked, the title bar. */
        String head() {
            String bar = !titleBar ? "" : """
                      <header class="top">
                        <h1 data-i18n="%s"></h1>
                        <nav class="lang-switch" id="langs" data-i18n-attr="aria-label:lang.choose"></nav>
                      </header>
                    """.formatted(title);
            String links = styles.stream()
                    .map(s -> "  <link rel=\"stylesheet\" href=\"/static/css/" + s + ".css\">")
                    .collect(Collectors.joining("\n"));
            return """
                    <!doctype html>
                    <html lang="zh-TW">
                    <head>
                      <meta charset="utf-8">
                      <meta name="viewport" content="width=device-width, initial-scale=1">
                      <meta name="theme-color" content="#06335f">
                      <title data-i18n="%s"></title>
                      <link rel="icon" href="data:,">
                      <link rel="stylesheet" href="/static/css/base.css">
                    %s
                      <script type="module" src="/static/js/%s.js"></script>
                    </head>
                    <body class="%s">
                    """.formatted(title, links, script, bodyClass) + bar;
        }
    }

    private static final Page CITY = new Page("city.html", "city.pageTitle", "city", "city", "city", true);
    private static final Map<String, Page> PAGES = Map.of(
            "/", new Page("index.html", "index.title", "lobby", "lobby", "index", true),
            "/kiosk", new Page("kiosk.html", "kiosk.pageTitle", "kiosk", "kiosk", "kiosk", false),
            "/board", new Page("board.html", "board.pageTitle", "board", "board", "board", false),
            "/counter", new Page("counter.html", "counter.pageTitle", "counter", "counter", "counter", false),
            "/volunteer", new Page("volunteer.html", "lobby.pageTitle", "lobby volunteer", List.of("lobby", "volunteer"),
                    "volunteer", false),
            "/manager", new Page("manager.html", "manager.pageTitle", "manager",
                    List.of("lobby", "manager", "history"), "manager", true),
            "/city", CITY);
    private static final Page TICKET = new Page("ticket.html", "ticket.pageTitle", "phone", "ticket", "ticket", false);

    private WebPages() {
    }

    static void mount(Router router) {
        PAGES.forEach((path, page) -> router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(rc -> page(rc, page)));
        // Any id gets the page; the page asks the API whether the ticket exists. Whoever holds the id may read
        // the ticket, so the address is kept out of referrers and search engines.
        router.route("/t/:id").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> {
            rc.response().putHeader("X-Robots-Tag", "noindex, nofollow");
            page(rc, TICKET);
        });
        mountStatic(router);
    }

    /**
     * What the city member (no office) serves of the pages: {@code /city} and the static files, with the
     * security headers and open CORS on {@code /api/public/} as on an office hub.
     */
    public static void mountCity(Router router) {
        router.route().order(-3).handler(SecurityHeaders::handle);
        PublicStatusRoutes.mountCors(router);
        router.route("/city").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> page(rc, CITY));
        mountStatic(router);
    }

    private static void mountStatic(Router router) {
        String languages = languageIndex().encode();
        router.get("/static/i18n/index.json").handler(rc -> rc.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(languages));
        router.route("/static/*").handler(StaticHandler.create(ROOT).setCachingEnabled(false)
                .setDirectoryListing(false).setDefaultContentEncoding("UTF-8"));
    }

    private static void page(RoutingContext rc, Page page) {
        // Read as the static files are: a webroot/ folder in the working directory first, then the built-in one.
        rc.vertx().fileSystem().readFile(ROOT + "/" + page.file()).onComplete(read -> {
            if (read.failed()) {
                rc.fail(read.cause());
                return;
            }
            rc.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(Buffer.buffer(page.head()).appendBuffer(read.result()));
        });
    }

    /**
     * [{tag, name, speechOnly?}] for every webroot/i18n/*.json, zh-TW first, then by tag: those built into the hub
     * and those an office put in a webroot/ folder in the hub's working directory (served like the built-in
     * files, and in their place when they have the same name).
     */
    static JsonArray languageIndex() {
        List<JsonObject> found = new ArrayList<>();
        SortedSet<String> tags = new TreeSet<>(languageTags());
        tags.addAll(officeLanguageTags());
        for (String tag : tags) {
            JsonObject texts = new JsonObject(read(ROOT + "/i18n/" + tag + ".json"));
            JsonObject language = new JsonObject().put("tag", tag).put("name", texts.getString("language.name", tag));
            if (texts.getBoolean("language.speechOnly", false)) {
                // e.g. Taiwanese or Hakka: spoken on the boards, not offered as a language to read
                language.put("speechOnly", true);
            }
            found.add(language);
        }
        found.sort(Comparator.comparing((JsonObject l) -> !l.getString("tag").equals("zh-TW"))
                .thenComparing(l -> l.getString("tag")));
        return new JsonArray(new ArrayList<>(found));
    }

    /** The language files on the classpath, in directories (IDE, tests) or inside the hub's jar. */
    private static List<String> languageTags() {
        List<String> tags = new ArrayList<>();
        try {
            var dirs = WebPages.class.getClassLoader().getResources(ROOT + "/i18n");
            while (dirs.hasMoreElements()) {
                URI uri = dirs.nextElement().toURI();
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                    tags.addAll(tagsIn(fs.provider().getPath(uri)));
                } else {
                    tags.addAll(tagsIn(Path.of(uri)));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the classpath's " + ROOT + "/i18n", e);
        }
        if (tags.isEmpty()) {
            throw new IllegalStateException("missing resource " + ROOT + "/i18n");
        }
        return tags;
    }

    private static List<String> officeLanguageTags() {
        Path dir = Path.of(ROOT, "i18n");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try {
            return tagsIn(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir.toAbsolutePath(), e);
        }
    }

    private static List<String> tagsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("index.json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        }
    }

    /** A web file as the static handler finds it: the office's copy on disk first, else the built-in one. */
    private static String read(String resource) {
        Path onDisk = Path.of(resource);
        try {
            if (Files.isRegularFile(onDisk)) {
                return Files.readString(onDisk, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + onDisk.toAbsolutePath(), e);
        }
        try (InputStream in = WebPages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
