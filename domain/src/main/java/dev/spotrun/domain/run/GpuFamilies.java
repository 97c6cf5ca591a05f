package dev.spotrun.domain.run;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.util.List;
import java.util.Set;

/**
 * Which instance families have GPUs, so that {@code gpus} on a machine that has none is refused before it is
 * launched rather than when its container is created. An instance type is FAMILY.SIZE and a family is a series
 * (its leading letters), a generation and options, as in EC2's naming conventions ({@code g4dn}: series g,
 * generation 4, options dn). Families were checked against the InstanceType list of the AWS SDK (2.57.8).
 * A family in neither table passes: spotrun cannot tell, and the engine will say.
 */
final class GpuFamilies {

    /** Families with NVIDIA or AMD GPUs (p, g, gr, cg), or other accelerators a container may use (dl, trn, inf). */
    static final Set<String> WITH_ACCELERATORS = Set.of(
            "p2", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6-b300", "p6e-gb200",
            "g2", "g3", "g3s", "g4ad", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "g7", "g7e", "gr6", "gr6f", "cg1",
            "dl1", "dl2q", "trn1", "trn1n", "trn2", "trn2u", "inf1", "inf2");
    /**
     * Series none of whose families has a GPU: general purpose (a, m, t), compute (c), memory (r, u, x, z),
     * storage (d, h, i, im, is) and HPC (hpc). Checked after {@link #WITH_ACCELERATORS}, where inf1 and trn1 are.
     */
    static final Set<String> SERIES_WITHOUT_GPU = Set.of("a", "c", "d", "h", "hpc", "i", "im", "is", "m", "r", "t",
            "u", "x", "z");

    private GpuFamilies() {
    }

    /** Whether the type is known to have no GPU; false for GPU types and for families this table does not know. */
    static boolean hasNoGpu(String instanceType) {
        int dot = instanceType.indexOf('.');
        String family = dot < 0 ? instanceType : instanceType.substring(0, dot);
        if (WITH_ACCELERATORS.contains(family)) {
            return false;
        }
        int end = 0;
        while (end < family.length() && family.charAt(end) >= 'a' && family.charAt(end) <= 'z') {
            end++;
        }
        return end < family.length() && SERIES_WITHOUT_GPU.contains(family.substring(0, end));
    }

    static void check(ContainerSpec container, MachineSpec machine, List<Problem> problems) {
        if (container.gpus() == 0) {
            return;
        }
        List<String> without = machine.instanceTypes().stream().filter(GpuFamilies::hasNoGpu).toList();
        if (!without.isEmpty()) {
            String gpus = container.gpus() == ContainerSpec.ALL_GPUS ? "all" : Integer.toString(container.gpus());
            problems.add(new Problem(SpecField.GPUS, gpus, String.join(", ", without)
                    + (without.size() == 1 ? " has" : " have") + " no GPU; choose GPU instance types only,"
                    + " e.g. g5.xlarge or g6.xlarge", List.of(SpecField.INSTANCE_TYPES)));
        }
    }
}
