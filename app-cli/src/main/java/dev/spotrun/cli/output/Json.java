package dev.spotrun.cli.output;

import dev.spotrun.domain.Market;
import dev.spotrun.domain.event.RunEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * A small JSON encoder for records: each component becomes a member of the same name. Durations become
 * milliseconds (the member name gets an {@code Ms} suffix), instants ISO-8601 text, enums their lowercase
 * name (markets their label). Written by hand so that the command line needs no JSON library.
 */
public final class Json {

    private Json() {
    }

    /** An event as one JSON object on one line: {@code {"type":"InstanceLaunched","at":"...",...}}. */
    public static String event(RunEvent event) {
        StringBuilder sb = new StringBuilder("{\"type\":");
        string(sb, event.getClass().getSimpleName());
        members(sb, (Record) event, false);
        return sb.append('}').toString();
    }

    /** Any value this encoder supports, as JSON. */
    public static String encode(Object value) {
        StringBuilder sb = new StringBuilder();
        value(sb, value);
        return sb.toString();
    }

    private static void value(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (value instanceof Duration d) {
            sb.append(d.toMillis());
        } else if (value instanceof Instant i) {
            string(sb, i.toString());
        } else if (value instanceof Market m) {
            string(sb, m.label());
        } else if (value instanceof Enum<?> e) {
            string(sb, e.name().toLowerCase(Locale.ROOT));
        } else if (value instanceof Collection<?> c) {
            array(sb, c);
        } else if (value instanceof Map<?, ?> m) {
            object(sb, m);
        } else if (value instanceof Record r) {
            sb.append('{');
            members(sb, r, true);
            sb.append('}');
        } else {
            string(sb, value.toString());
        }
    }

    private static void members(StringBuilder sb, Record record, boolean first) {
        boolean needComma = !first;
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (needComma) {
                sb.append(',');
            }
            needComma = true;
            Object value = read(component, record);
            string(sb, component.getType() == Duration.class ? component.getName() + "Ms" : component.getName());
            sb.append(':');
            value(sb, value);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }

    private static void array(StringBuilder sb, Collection<?> items) {
        sb.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            value(sb, item);
        }
        sb.append(']');
    }

    private static void object(StringBuilder sb, Map<?, ?> map) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, String.valueOf(entry.getKey()));
            sb.append(':');
            value(sb, entry.getValue());
        }
        sb.append('}');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
