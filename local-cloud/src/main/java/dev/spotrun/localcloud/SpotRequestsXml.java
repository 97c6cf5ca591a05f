package dev.spotrun.localcloud;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Answers DescribeSpotInstanceRequests: the one-time spot request of each spot instance, with the status codes
 * EC2 documents (fulfilled; marked-for-termination while an interrupted instance still runs; then
 * instance-terminated-no-capacity, or instance-terminated-by-user). By id, and with the filters instance-id,
 * state and status-code.
 */
final class SpotRequestsXml {

    private SpotRequestsXml() {
    }

    static String describe(Collection<FakeInstance> instances, FormRequest request, String requestId) {
        List<String> ids = request.list("SpotInstanceRequestId");
        List<FakeInstance> spot = instances.stream().filter(i -> i.launch.spot()).toList();
        for (String id : ids) {
            if (spot.stream().noneMatch(i -> i.spotRequestId().equals(id))) {
                throw CloudError.badRequest("InvalidSpotInstanceRequestID.NotFound",
                        "The spot instance request ID '" + id + "' does not exist");
            }
        }
        Instant now = Instant.now();
        Map<String, List<String>> filters = request.filters();
        Xml xml = Xml.response("DescribeSpotInstanceRequestsResponse", requestId).open("spotInstanceRequestSet");
        for (FakeInstance instance : spot) {
            FakeInstance.SpotRequest spotRequest = instance.spotRequest(now);
            if ((ids.isEmpty() || ids.contains(spotRequest.id()))
                    && Filters.matches(filters, f -> valuesOf(instance, spotRequest, f))) {
                write(xml, instance, spotRequest);
            }
        }
        return xml.close("spotInstanceRequestSet").end("DescribeSpotInstanceRequestsResponse");
    }

    private static void write(Xml xml, FakeInstance instance, FakeInstance.SpotRequest spotRequest) {
        FakeInstance.Launch launch = instance.launch;
        xml.open("item").text("spotInstanceRequestId", spotRequest.id())
                .text("spotPrice", launch.maxPrice().isEmpty() ? "0.096000" : launch.maxPrice())
                .text("type", "one-time").text("state", spotRequest.state())
                .open("status").text("code", spotRequest.code())
                .text("updateTime", InstanceXml.timestamp(spotRequest.updateTime()))
                .text("message", spotRequest.message()).close("status")
                .open("launchSpecification").text("imageId", launch.imageId())
                .text("instanceType", launch.instanceType()).open("placement")
                .text("availabilityZone", launch.zone()).close("placement").close("launchSpecification")
                .text("instanceId", instance.id)
                .text("createTime", InstanceXml.timestamp(launch.launchTime()))
                .text("productDescription", "Linux/UNIX").text("launchedAvailabilityZone", launch.zone())
                .text("instanceInterruptionBehavior", "terminate")
                .close("item");
    }

    private static List<String> valuesOf(FakeInstance instance, FakeInstance.SpotRequest spotRequest, String filter) {
        return switch (filter) {
            case "instance-id" -> List.of(instance.id);
            case "state" -> List.of(spotRequest.state());
            case "status-code" -> List.of(spotRequest.code());
            case "spot-instance-request-id" -> List.of(spotRequest.id());
            default -> Filters.tagValues(filter, Map.of());
        };
    }
}
