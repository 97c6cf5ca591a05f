package dev.spotrun.testkit.localcloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Answers RunInstances, DescribeInstances, TerminateInstances and CreateTags over the cloud's instances. */
final class Ec2Instances {

    private final String owner;
    private final Ec2Network network;
    private final CloudFaults faults;
    private final InstanceMachines machines;
    private final RunInstancesValidator validator;
    private final Map<String, FakeInstance> instances = new ConcurrentHashMap<>();
    private final Map<String, List<FakeInstance>> byClientToken = new ConcurrentHashMap<>();

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
            default -> throw new IllegalArgumentException(request.action());
        };
    }

    private String run(FormRequest request, String requestId) {
        String token = request.get("ClientToken");
        List<FakeInstance> launched = token == null ? null : byClientToken.get(token);
        boolean fresh = launched == null;
        if (fresh) {
            launched = launch(request);
            if (token != null) {
                byClientToken.put(token, launched);
            }
        }
        Xml xml = Xml.response("RunInstancesResponse", requestId)
                .text("reservationId", launched.get(0).launch.reservationId()).text("ownerId", owner)
                .open("groupSet").close("groupSet").open("instancesSet");
        for (int i = 0; i < launched.size(); i++) {
            InstanceXml.write(xml, launched.get(i), i, owner, network);
        }
        String answer = xml.close("instancesSet").end("RunInstancesResponse");
        if (fresh) {
            // Booting starts after the answer is written: RunInstances always reports pending, as on EC2.
            launched.forEach(machines::boot);
        }
        return answer;
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

    private String describe(FormRequest request, String requestId) {
        List<String> ids = request.list("InstanceId");
        for (String id : ids) {
            if (!instances.containsKey(id)) {
                throw CloudError.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        Map<String, List<String>> filters = request.filters();
        Xml xml = Xml.response("DescribeInstancesResponse", requestId).open("reservationSet");
        for (FakeInstance instance : instances.values()) {
            if ((ids.isEmpty() || ids.contains(instance.id)) && Filters.matches(filters, f -> valuesOf(instance, f))) {
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
        for (String id : ids) {
            if (!instances.containsKey(id)) {
                throw CloudError.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        Xml xml = Xml.response("TerminateInstancesResponse", requestId).open("instancesSet");
        for (String id : ids) {
            FakeInstance instance = instances.get(id);
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
        for (String id : request.list("ResourceId")) {
            FakeInstance instance = instances.get(id);
            if (instance == null) {
                throw CloudError.badRequest("InvalidID", "The ID '" + id + "' is not valid");
            }
            instance.tag(tags);
        }
        return Xml.response("CreateTagsResponse", requestId).text("return", true).end("CreateTagsResponse");
    }
}
