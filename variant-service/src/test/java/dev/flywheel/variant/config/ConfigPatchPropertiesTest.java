package dev.flywheel.variant.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Seed 001, Property 2 (clone preserves unoverridden fields) and Property 5 (partial update idempotence),
 * over {@link ConfigPatch#applyTo}, the one rule the clone, PATCH and create endpoints all use.
 */
class ConfigPatchPropertiesTest {

    @Provide
    Arbitrary<AgentConfig> configs() {
        return ConfigArbitraries.configs();
    }

    @Provide
    Arbitrary<ConfigPatch> patches() {
        return ConfigArbitraries.patches();
    }

    // seed: test_overridden_fields_match_overrides, test_non_overridden_fields_match_source and
    // test_unchanged_fields_preserved_after_partial_update
    @Property
    void everyFieldComesFromTheOverrideWhenGivenElseFromTheSource(@ForAll("configs") AgentConfig source,
            @ForAll("patches") ConfigPatch overrides) throws Exception {
        AgentConfig clone = overrides.applyTo(source);
        for (RecordComponent field : ConfigPatch.class.getRecordComponents()) {
            Object override = field.getAccessor().invoke(overrides);
            Object expected = override != null ? override : AgentConfig.class.getMethod(field.getName()).invoke(source);
            assertThat(AgentConfig.class.getMethod(field.getName()).invoke(clone)).as(field.getName()).isEqualTo(expected);
        }
    }

    // seed: test_clone_with_no_overrides_is_exact_copy and test_empty_update_is_noop
    @Property
    void noOverridesGiveAnExactCopy(@ForAll("configs") AgentConfig source) {
        assertThat(ConfigPatch.EMPTY.applyTo(source)).isEqualTo(source);
    }

    // seed: test_double_apply_produces_same_state
    @Property
    void applyingTheSamePatchTwiceGivesTheSameStateAsOnce(@ForAll("configs") AgentConfig state,
            @ForAll("patches") ConfigPatch patch) {
        AgentConfig once = patch.applyTo(state);
        assertThat(patch.applyTo(once)).isEqualTo(once);
    }

    @Property
    void aPatchMadeOfTheCurrentValuesChangesNothing(@ForAll("configs") AgentConfig state) {
        ConfigPatch same = new ConfigPatch(state.modelProvider(), state.modelName(), state.systemPrompt(),
                state.userPromptTemplate(), state.promptVersion(), state.temperature(), state.maxTokens(),
                state.contextWindow(), state.inputTokenLimit(), state.tokenBudget(), state.timeoutSeconds(),
                state.maxRetries());
        assertThat(same.applyTo(state)).isEqualTo(state);
    }

    @Example
    void thePatchAndTheConfigNameTheSameTwelveFields() {
        assertThat(ConfigPatch.class.getRecordComponents()).extracting(RecordComponent::getName)
                .containsExactly(java.util.Arrays.stream(AgentConfig.class.getRecordComponents())
                        .map(RecordComponent::getName).toArray(String[]::new));
    }
}
