package dev.spotrun.localcloud;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/** Refuses a RunInstances request with the error EC2 gives, before anything is launched. */
final class RunInstancesValidator {

    static final int USER_DATA_LIMIT = 16 * 1024;
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8}(?:[0-9a-f]{9})?");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");

    /** Where the instance goes and its decoded user-data. */
    record Placement(Ec2Network.Subnet subnet, String userData) {
    }

    private final Ec2Network network;
    private final Collection<String> images;

    RunInstancesValidator(Ec2Network network, Collection<String> images) {
        this.network = network;
        this.images = images;
    }

    Placement validate(FormRequest request) {
        image(Ec2Network.required(request, "ImageId"));
        String type = Ec2Network.required(request, "InstanceType");
        if (!TYPE.matcher(type).matches()) {
            throw invalid("Invalid value '" + type + "' for InstanceType.");
        }
        if (request.getInt("MinCount", 0) < 1 || request.getInt("MaxCount", 0) < request.getInt("MinCount", 0)) {
            throw invalid("MinCount and MaxCount must be at least 1, and MaxCount not below MinCount");
        }
        request.list("SecurityGroupId").forEach(network::group);
        market(request);
        oneOf(request, "MetadataOptions.HttpTokens", Set.of("optional", "required"));
        oneOf(request, "InstanceInitiatedShutdownBehavior", Set.of("stop", "terminate"));
        return new Placement(subnet(request), userData(request.get("UserData", "")));
    }

    private void image(String imageId) {
        if (!AMI.matcher(imageId).matches()) {
            throw CloudError.badRequest("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        if (!images.contains(imageId)) {
            throw CloudError.badRequest("InvalidAMIID.NotFound", "The image id '[" + imageId + "]' does not exist");
        }
    }

    private Ec2Network.Subnet subnet(FormRequest request) {
        String subnetId = request.get("SubnetId");
        if (subnetId != null) {
            return network.subnet(subnetId);
        }
        return network.subnetInZone(request.get("Placement.AvailabilityZone", ""));
    }

    private static void market(FormRequest request) {
        String market = request.get("InstanceMarketOptions.MarketType");
        if (market == null) {
            return;
        }
        if (!market.equals("spot")) {
            throw invalid("Invalid value '" + market + "' for MarketType");
        }
        oneOf(request, "InstanceMarketOptions.SpotOptions.SpotInstanceType", Set.of("one-time", "persistent"));
        oneOf(request, "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
                Set.of("terminate", "stop", "hibernate"));
        String maxPrice = request.get("InstanceMarketOptions.SpotOptions.MaxPrice");
        if (maxPrice != null) {
            try {
                new BigDecimal(maxPrice);
            } catch (NumberFormatException e) {
                throw invalid("Invalid value '" + maxPrice + "' for MaxPrice");
            }
        }
    }

    private static String userData(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid BASE64 encoding of user data.");
        }
        if (decoded.length > USER_DATA_LIMIT) {
            throw invalid("User data is limited to 16384 bytes");
        }
        return new String(decoded, StandardCharsets.UTF_8);
    }

    private static void oneOf(FormRequest request, String name, Set<String> allowed) {
        String value = request.get(name);
        if (value != null && !allowed.contains(value)) {
            throw invalid("Invalid value '" + value + "' for " + name);
        }
    }

    private static CloudError invalid(String message) {
        return CloudError.badRequest("InvalidParameterValue", message);
    }
}
