package tw.queue.kiosk;

import java.nio.charset.Charset;
import tw.queue.config.DeviceDef;
import tw.queue.device.escpos.EscPos;
import tw.queue.device.escpos.RasterText;

/**
 * A {@link Slip} as ESC/POS bytes for the configured printer: text in Big5 or GB18030 (Chinese mode), or for
 * printers without a Chinese font every line as a raster image; then the QR code and the cut.
 */
final class SlipEncoder {
    private SlipEncoder() {
    }

    /**
     * The text with characters the printer's encoding lacks replaced by their usual stand-ins: Big5 has no
     * katakana middle dot (U+30FB, common in service names) but has a middle dot at A1 45.
     */
    static String printable(String text, Charset charset) {
        java.nio.charset.CharsetEncoder enc = charset.newEncoder();
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (enc.canEncode(ch)) {
                out.append(ch);
            } else if (cp == 0x30FB) {
                // Big5 A1 45 (Java's Big5 reads it as U+2022, MS950 as U+2027)
                out.append(java.util.stream.Stream.of("\u2027", "\u2022", "\u00B7").filter(enc::canEncode)
                        .findFirst().orElse("-"));
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    static byte[] encode(Slip slip, DeviceDef.PrinterDef printer) {
        DeviceDef.TextEncoding enc = printer.encoding();
        Charset charset = enc == DeviceDef.TextEncoding.GB18030 ? Charset.forName("GB18030") : Charset.forName("Big5");
        EscPos p = new EscPos(charset).init().align(EscPos.Align.CENTER);
        int widthDots = printer.paperWidthMm() == 58 ? 384 : 576;
        if (enc == DeviceDef.TextEncoding.RASTER) {
            for (Slip.Line l : slip.lines()) {
                int px = switch (l.style()) {
                    case NUMBER -> 120;
                    case TITLE -> 32;
                    case BOLD -> 30;
                    case NORMAL -> 24;
                };
                RasterText.Bitmap b = RasterText.render(l.text(), widthDots, px, l.style() != Slip.Style.NORMAL);
                p.raster(b.widthBytes(), b.heightDots(), b.bits());
            }
        } else {
            p.chineseMode();
            for (Slip.Line l : slip.lines()) {
                switch (l.style()) {
                    case NUMBER -> p.size(printer.paperWidthMm() == 58 ? 3 : 4, 4).bold(true).line(l.text())
                            .bold(false).size(1, 1);
                    case TITLE, BOLD -> p.bold(true).line(printable(l.text(), charset)).bold(false);
                    case NORMAL -> p.line(printable(l.text(), charset));
                }
            }
        }
        return p.qr(slip.qrUrl(), printer.paperWidthMm() == 58 ? 5 : 6).feed(3).cut().bytes();
    }
}
