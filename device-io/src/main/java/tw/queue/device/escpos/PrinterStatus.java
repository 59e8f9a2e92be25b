package tw.queue.device.escpos;

/**
 * What the four DLE EOT answers say (Epson ESC/POS, "DLE EOT n: transmit real-time status"), as the
 * {@code printer} component's state on the hub (DEVICE-API.md). Each answer byte has bits 1 and 4 set and
 * bits 0 and 7 clear; anything else is not a status byte.
 */
public enum PrinterStatus {
    OK("ok"), PAPER_LOW("paper-low"), PAPER_OUT("paper-out"), COVER_OPEN("cover-open"), OFFLINE("offline"), ERROR("error");

    private final String wire;

    PrinterStatus(String wire) {
        this.wire = wire;
    }

    /** The state's name on the wire, e.g. {@code paper-out}. */
    public String wire() {
        return wire;
    }

    /** Whether a slip can be printed in this state. */
    public boolean canPrint() {
        return this == OK || this == PAPER_LOW;
    }

    /**
     * @param printer answer to n=1 (bit 3: offline)
     * @param offline answer to n=2 (bit 2: cover open, bit 5: stopped by paper end, bit 6: error)
     * @param error answer to n=3 (bit 2: mechanical, bit 3: auto-cutter, bit 5: unrecoverable, bit 6: auto-recoverable)
     * @param paper answer to n=4 (bits 2 and 3: roll near end, bits 5 and 6: roll end)
     */
    public static PrinterStatus decode(int printer, int offline, int error, int paper) {
        for (int b : new int[] {printer, offline, error, paper}) {
            if (!isStatusByte(b)) {
                return ERROR;
            }
        }
        if ((paper & 0x60) != 0 || (offline & 0x20) != 0) {
            return PAPER_OUT;
        }
        if ((offline & 0x04) != 0) {
            return COVER_OPEN;
        }
        if ((error & 0x6C) != 0 || (offline & 0x40) != 0) {
            return ERROR;
        }
        if ((printer & 0x08) != 0) {
            return OFFLINE;
        }
        if ((paper & 0x0C) != 0) {
            return PAPER_LOW;
        }
        return OK;
    }

    /** Fixed bits of every real-time status byte: 1 and 4 set, 0 and 7 clear. */
    public static boolean isStatusByte(int b) {
        return (b & 0x93) == 0x12;
    }
}
