package dev.spotrun.localcloud;

import java.util.Map;

/** A small XML writer for EC2 responses: elements in order, text escaped, nothing else. */
final class Xml {

    static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder out = new StringBuilder();

    private Xml() {
    }

    /** A response document whose root element carries the EC2 namespace. */
    static Xml response(String root, String requestId) {
        Xml xml = new Xml();
        xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(EC2_NAMESPACE).append("\">");
        return xml.text("requestId", requestId);
    }

    /** The error document EC2 sends with a 4xx or 5xx status. */
    static String error(String code, String message, String requestId) {
        Xml xml = new Xml();
        xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>");
        xml.open("Errors").open("Error").text("Code", code).text("Message", message).close("Error").close("Errors");
        xml.text("RequestID", requestId);
        return xml.out.append("</Response>").toString();
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; skipped when the value is null, as EC2 leaves out absent members. */
    Xml text(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name).append('>');
        }
        return this;
    }

    /** A {@code tagSet} (or other key/value set) of items. */
    Xml tags(String name, Map<String, String> tags) {
        open(name);
        tags.forEach((k, v) -> open("item").text("key", k).text("value", v).close("item"));
        return close(name);
    }

    String end(String root) {
        return out.append("</").append(root).append('>').toString();
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
