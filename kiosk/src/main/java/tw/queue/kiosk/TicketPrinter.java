package tw.queue.kiosk;

import java.io.IOException;
import tw.queue.device.escpos.EscPos;
import tw.queue.device.escpos.PrinterStatus;
import tw.queue.device.serial.SerialLink;

/**
 * The printer at the end of the kiosk's serial line: asks its real-time status (DLE EOT 1-4, one byte each;
 * no answer means offline) and sends slips. On a file (simulate without a device) there is nobody to ask, so
 * the status is taken as ready.
 */
final class TicketPrinter {
    private static final long ANSWER_TIMEOUT_MS = 500;

    private final SerialLink link;

    TicketPrinter(SerialLink link) {
        this.link = link;
    }

    PrinterStatus status() {
        if (!link.canRead()) {
            return PrinterStatus.OK;
        }
        try {
            link.discardInput();
            int[] answers = new int[4];
            for (int n = 1; n <= 4; n++) {
                link.write(EscPos.statusRequest(n));
                byte[] b = link.read(1, ANSWER_TIMEOUT_MS);
                if (b.length == 0) {
                    return PrinterStatus.OFFLINE;
                }
                answers[n - 1] = b[0] & 0xFF;
            }
            return PrinterStatus.decode(answers[0], answers[1], answers[2], answers[3]);
        } catch (IOException e) {
            return PrinterStatus.OFFLINE;
        }
    }

    /** Sends the slip's bytes; false if the line failed. */
    boolean print(byte[] slip) {
        try {
            link.write(slip);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String describe() {
        return link.describe();
    }
}
