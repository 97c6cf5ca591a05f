package dev.spotrun.localcloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers RunInstances, DescribeInstances, TerminateInstances, CreateTags and DescribeSpotInstanceRequests over the
 * cloud's instances.
 */
final class Ec2Instances {

    private final String owner;
    private final Ec2Network network;
    private final CloudFaults faults;
    private final InstanceMachines machines;
    private final RunInstancesValidator validator;
    private final Map<String, FakeInstance> instances = new ConcurrentHashMap<>();
    /** The launches of each client token, with the parameters they were asked with. */
    private final Map<String, Launched> byClientToken = new ConcurrentHashMap<>();

    private record Launched(Map<String, String> params, List<FakeInstance> instances) {
    }

    Ec2Instances(String owner, Ec2Network network, CloudFaults faults, InstanceMachines machines,
                 Collection<String> images) {
        this.owner = owner;
        this.network = network;
        this.faults = faults;
        this.machines = machines;
        this.validator = new RunInstancesValidator(network, images);
    }

    Collection<FakeInstance> all() {
        return List.copyOf(instances.values());
    }

    FakeInstance find(String id) {
        return instances.get(id);
    }

    /** Whether a security group is used by an instance that is not terminated. */
    boolean groupInUse(String groupId) {
        return instances.values().stream().anyMatch(i -> i.state() != FakeInstance.State.TERMINATED
                && i.launch.groupIds().contains(groupId));
    }

    String handle(FormRequest request, String requestId) {
        return switch (request.action()) {
            case "RunInstances" -> run(request, requestId);
            case "DescribeInstances" -> describe(request, requestId);
            case "TerminateInstances" -> terminate(request, requestId);
            case "CreateTags" -> createTags(request, requestId);
            case "DescribeSpotInstanceRequests" -> SpotRequestsXml.describe(all(), request, requestId);
            default -> throw new IllegalArgumentException(request.action());
        };
    }

    private String run(FormRequest request, String requestId) {
        String token = request.get("ClientToken");
        boolean[] fresh = new boolean[1];
        List<FakeInstance> launched = token == null ? launchFresh(request, fresh) : launchOnce(token, request, fresh);
        Xml xml = Xml.response("RunInstancesResponse", requestId)
                .text("reservationId", launched.get(0).launch.reservationId()).text("ownerId", owner)
                .open("groupSet").close("groupSet").open("instancesSet");
        for (int i = 0; i < launched.size(); i++) {
            InstanceXml.write(xml, launched.get(i), i, owner, network);
        }
        String answer = xml.close("instancesSet").end("RunInstancesResponse");
        if (fresh[0]) {
            java.time.Duration hidden = faults.notFoundAfterLaunch();
            if (hidden != null) {
                Instant visible = Instant.now().plus(hidden);
                launched.forEach(instance -> instance.hideUntil(visible));
            }
            // Booting starts after the answer is written: RunInstances always reports pending, as on EC2.
            launched.forEach(machines::boot);
        }
        return answer;
    }

    private List<FakeInstance> launchFresh(FormRequest request, boolean[] fresh) {
        fresh[0] = true;
        return launch(request);
    }

    /**
     * EC2's idempotency: a client token already seen returns the reservation it launched, or, asked with other
     * parameters, IdempotentParameterMismatch. A launch that failed leaves the token unused.
     */
    private List<FakeInstance> launchOnce(String token, FormRequest request, boolean[] fresh) {
        synchronized (byClientToken) {
            Launched before = byClientToken.get(token);
            if (before == null) {
                List<FakeInstance> launched = launchFresh(request, fresh);
                byClientToken.put(token, new Launched(request.all(), launched));
                return launched;
            }
            if (!before.params().equals(request.all())) {
                throw CloudError.badRequest("IdempotentParameterMismatch", "The client token '" + token
                        + "' was already used for a request with different parameters.");
            }
            return before.instances();
        }
    }

    private synchronized List<FakeInstance> launch(FormRequest request) {
        RunInstancesValidator.Placement placement = validator.validate(request);
        boolean spot = "spot".equals(request.get("InstanceMarketOptions.MarketType"));
        String type = request.get("InstanceType");
        String code = faults.capacityErrorFor(type, placement.subnet().zone(), spot ? "spot" : "on-demand");
        if (code != null) {
            throw CapacityErrors.of(code, type, placement.subnet().zone());
        }
        int count = request.getInt("MaxCount", 1);
        String reservation = Ids.next("r");
        List<FakeInstance> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeInstance instance = new FakeInstance(Ids.next("i"), launchOf(request, reservation, placement, spot),
                    request.tagsFor("instance"), request.tagsFor("volume"));
            instances.put(instance.id, instance);
            launched.add(instance);
        }
        return launched;
    }

    private FakeInstance.Launch launchOf(FormRequest request, String reservation,
                                         RunInstancesValidator.Placement placement, boolean spot) {
        String profile = request.get("IamInstanceProfile.Name", request.get("IamInstanceProfile.Arn", ""));
        return new FakeInstance.Launch(reservation, request.get("InstanceType"), request.get("ImageId"),
                placement.subnet().zone(), placement.subnet().id(), Ec2Network.VPC, spot,
                request.get("InstanceMarketOptions.SpotOptions.MaxPrice", ""), placement.userData(),
                request.list("SecurityGroupId"), profile, request.get("MetadataOptions.HttpTokens", "optional"),
                request.get("InstanceInitiatedShutdownBehavior", "stop"), request.get("ClientToken", ""),
                Ids.next("vol"), Instant.now());
    }

    /** The instances of these ids as EC2 shows them now; an unknown or not yet visible one is NotFound. */
    private List<FakeInstance> visible(List<String> ids) {
        Instant now = Instant.now();
        List<FakeInstance> found = new ArrayList<>();
        for (String id : ids) {
            FakeInstance instance = instances.get(id);
            if (instance == null || !instance.visible(now)) {
                throw CloudError.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            found.add(instance);
        }
        return found;
    }

    private String describe(FormRequest request, String requestId) {
        List<String> ids = request.list("InstanceId");
        visible(ids);
        Instant now = Instant.now();
        Map<String, List<String>> filters = request.filters();
        Xml xml = Xml.response("DescribeInstancesResponse", requestId).open("reservationSet");
        for (FakeInstance instance : instances.values()) {
            if ((ids.isEmpty() || ids.contains(instance.id)) && instance.visible(now)
                    && Filters.matches(filters, f -> valuesOf(instance, f))) {
                xml.open("item").text("reservationId", instance.launch.reservationId()).text("ownerId", owner)
                        .open("groupSet").close("groupSet").open("instancesSet");
                InstanceXml.write(xml, instance, 0, owner, network);
                xml.close("instancesSet").close("item");
            }
        }
        return xml.close("reservationSet").end("DescribeInstancesResponse");
    }

    private static List<String> valuesOf(FakeInstance instance, String filter) {
        return switch (filter) {
            case "instance-id" -> List.of(instance.id);
            case "instance-state-name" -> List.of(instance.state().label);
            case "instance-type" -> List.of(instance.launch.instanceType());
            case "availability-zone" -> List.of(instance.launch.zone());
            case "subnet-id" -> List.of(instance.launch.subnetId());
            case "vpc-id" -> List.of(instance.launch.vpcId());
            case "instance-lifecycle" -> instance.launch.spot() ? List.of("spot") : List.of();
            default -> Filters.tagValues(filter, instance.tags());
        };
    }

    private String terminate(FormRequest request, String requestId) {
        List<String> ids = request.list("InstanceId");
        if (ids.isEmpty()) {
            throw CloudError.badRequest("MissingParameter", "The request must contain the parameter InstanceId");
        }
        // Every id is checked before any is terminated: EC2 refuses the whole request.
        List<FakeInstance> found = visible(ids);
        Xml xml = Xml.response("TerminateInstancesResponse", requestId).open("instancesSet");
        for (FakeInstance instance : found) {
            String id = instance.id;
            FakeInstance.State before = instance.state();
            machines.shutDown(instance, FakeInstance.State.SHUTTING_DOWN, "Client.UserInitiatedShutdown",
                    "User initiated shutdown");
            xml.open("item").text("instanceId", id);
            InstanceXml.writeState(xml, "currentState", instance.state());
            InstanceXml.writeState(xml, "previousState", before);
            xml.close("item");
        }
        return xml.close("instancesSet").end("TerminateInstancesResponse");
    }

    private String createTags(FormRequest request, String requestId) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        request.members("Tag").forEach(tag -> tags.put(tag.get("Key"), tag.get("Value", "")));
        List<String> ids = request.list("ResourceId");
        for (String id : ids) {
            if (!id.startsWith("i-") && !id.startsWith("sg-")) {
                throw CloudError.badRequest("InvalidID", "The ID '" + id + "' is not valid");
            }
        }
        List<String> groups = ids.stream().filter(id -> id.startsWith("sg-")).toList();
        groups.forEach(network::group); // EC2 checks every id before it tags anything
        List<FakeInstance> instances = visible(ids.stream().filter(id -> id.startsWith("i-")).toList());
        instances.forEach(instance -> instance.tag(tags));
        groups.forEach(id -> network.tag(id, tags));
        return Xml.response("CreateTagsResponse", requestId).text("return", true).end("CreateTagsResponse");
    }
}
