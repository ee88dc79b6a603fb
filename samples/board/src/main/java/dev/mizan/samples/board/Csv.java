package dev.mizan.samples.board;

/** RFC 4180 fields, with a leading quote on text a spreadsheet would run as a formula. */
final class Csv {

    private Csv() {
    }

    static String field(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
