package dev.spotrun.cli.output;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Hourly on-demand list prices (USD, Linux, us-east-1, 2024) of common instance types, for the estimate in the
 * summary. They are an upper bound for spot and only an estimate for other regions: the real bill comes from AWS.
 */
public final class PriceTable {

    /** Where the prices come from, for the summary's label. */
    public static final String BASIS = "us-east-1 on-demand list price";

    private static final Map<String, String> HOURLY = Map.ofEntries(
            Map.entry("t3.nano", "0.0052"), Map.entry("t3.micro", "0.0104"), Map.entry("t3.small", "0.0208"),
            Map.entry("t3.medium", "0.0416"), Map.entry("t3.large", "0.0832"), Map.entry("t3.xlarge", "0.1664"),
            Map.entry("t3.2xlarge", "0.3328"), Map.entry("t3a.small", "0.0188"), Map.entry("t3a.medium", "0.0376"),
            Map.entry("t3a.large", "0.0752"), Map.entry("t4g.small", "0.0168"), Map.entry("t4g.medium", "0.0336"),
            Map.entry("t4g.large", "0.0672"), Map.entry("m5.large", "0.096"), Map.entry("m5.xlarge", "0.192"),
            Map.entry("m5.2xlarge", "0.384"), Map.entry("m5.4xlarge", "0.768"), Map.entry("m6i.large", "0.096"),
            Map.entry("m6i.xlarge", "0.192"), Map.entry("m6i.2xlarge", "0.384"), Map.entry("m6i.4xlarge", "0.768"),
            Map.entry("m7i.large", "0.1008"), Map.entry("m7i.xlarge", "0.2016"), Map.entry("m6g.large", "0.077"),
            Map.entry("m7g.large", "0.0816"), Map.entry("c5.large", "0.085"), Map.entry("c5.xlarge", "0.17"),
            Map.entry("c5.2xlarge", "0.34"), Map.entry("c5.4xlarge", "0.68"), Map.entry("c6i.large", "0.085"),
            Map.entry("c6i.xlarge", "0.17"), Map.entry("c6i.2xlarge", "0.34"), Map.entry("c6i.4xlarge", "0.68"),
            Map.entry("c7i.large", "0.08925"), Map.entry("c7i.xlarge", "0.1785"), Map.entry("c6g.large", "0.068"),
            Map.entry("c7g.large", "0.0725"), Map.entry("r5.large", "0.126"), Map.entry("r5.xlarge", "0.252"),
            Map.entry("r6i.large", "0.126"), Map.entry("r6i.xlarge", "0.252"), Map.entry("g4dn.xlarge", "0.526"),
            Map.entry("g4dn.2xlarge", "0.752"), Map.entry("g5.xlarge", "1.006"), Map.entry("g5.2xlarge", "1.212"),
            Map.entry("p3.2xlarge", "3.06"));

    private PriceTable() {
    }

    /** The hourly list price of {@code instanceType}, when the table knows it. */
    public static Optional<BigDecimal> hourly(String instanceType) {
        String price = HOURLY.get(instanceType);
        return price == null ? Optional.empty() : Optional.of(new BigDecimal(price));
    }
}
