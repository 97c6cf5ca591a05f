package dev.spotrun.domain;

import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.SpecField;
import java.util.List;
import java.util.Locale;

/** How a machine is bought. A launched machine is always {@link #SPOT} or {@link #ON_DEMAND}. */
public enum Market {
    SPOT("spot"),
    ON_DEMAND("on-demand"),
    /** Spot first; on-demand only when no instance type or zone has spot capacity. */
    SPOT_THEN_ON_DEMAND("spot-then-on-demand");

    private final String label;

    Market(String label) {
        this.label = label;
    }

    /** The name users type: {@code spot}, {@code on-demand} or {@code spot-then-on-demand}. */
    public String label() {
        return label;
    }

    /** The markets to try, in order, under this policy. */
    public List<Market> sequence() {
        return this == SPOT_THEN_ON_DEMAND ? List.of(SPOT, ON_DEMAND) : List.of(this);
    }

    /** Parses a user's word; throws {@link InvalidRunSpec} about {@link SpecField#MARKET} naming the accepted ones. */
    public static Market parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Market market : values()) {
            if (market.label.equals(wanted)) {
                return market;
            }
        }
        throw InvalidRunSpec.of(SpecField.MARKET, text, "not a market; use spot, on-demand or spot-then-on-demand");
    }

    @Override
    public String toString() {
        return label;
    }
}
