package dev.flywheel.variant.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Seed 001, Property 4 (slug auto-generation determinism), over arbitrary Unicode names. */
class SlugsPropertiesTest {

    @Provide
    Arbitrary<String> unicodeNames() {
        return Arbitraries.strings().all().ofMaxLength(60);
    }

    /** Names as people type them: ASCII words mixed with accents, CJK, emoji, punctuation and whitespace. */
    @Provide
    Arbitrary<String> mixedNames() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("é", "İ", "ß", "日本", "😀", "K", " ", "  ", "-", "--", "_", ".", "&", "\t", "\n"));
        return piece.list().ofMaxSize(10).map(parts -> String.join("", parts));
    }

    // seed: test_slugify_is_deterministic
    @Property
    void slugifyIsDeterministic(@ForAll("unicodeNames") String name) {
        assertThat(Slugs.slugify(name)).isEqualTo(Slugs.slugify(new String(name)));
    }

    // seed: test_slugify_produces_valid_kebab_case
    @Property
    void aNonEmptySlugIsValidKebabCase(@ForAll("mixedNames") String name) {
        String slug = Slugs.slugify(name);
        if (!slug.isEmpty()) {
            assertThat(slug).matches(Slugs.VALID).doesNotStartWith("-").doesNotEndWith("-");
            assertThat(Slugs.isValid(slug)).isTrue();
        }
    }

    @Property
    void anyUnicodeNameGivesAValidOrEmptySlug(@ForAll("unicodeNames") String name) {
        String slug = Slugs.slugify(name);
        assertThat(slug.isEmpty() || Slugs.isValid(slug)).as("slug %s of %s", slug, name).isTrue();
    }

    // seed: test_slugify_non_empty_for_alphanumeric_input, made exact: SPEC §4 refuses a name without any
    @Property
    void theSlugIsNonEmptyExactlyWhenTheNameHasAnAsciiLetterOrDigit(@ForAll("mixedNames") String name) {
        boolean hasAsciiAlnum = name.chars().anyMatch(c -> c < 128 && Character.isLetterOrDigit(c));
        assertThat(Slugs.slugify(name).isEmpty()).isEqualTo(!hasAsciiAlnum);
    }

    // seed: test_slugify_is_lowercase
    @Property
    void theSlugIsLowercase(@ForAll("unicodeNames") String name) {
        String slug = Slugs.slugify(name);
        assertThat(slug).isEqualTo(slug.toLowerCase(Locale.ROOT));
    }

    @Property
    void theSlugKeepsTheAsciiLettersAndDigitsInOrder(@ForAll("mixedNames") String name) {
        String kept = name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        assertThat(Slugs.slugify(name).replace("-", "")).isEqualTo(kept);
    }

    @Property
    void aSlugIsItsOwnSlug(@ForAll("mixedNames") String name) {
        String slug = Slugs.slugify(name);
        assertThat(Slugs.slugify(slug)).isEqualTo(slug);
    }

    @Example
    void typicalNames() {
        assertThat(Slugs.slugify("Fast & Cheap!")).isEqualTo("fast-cheap");
        assertThat(Slugs.slugify("  GPT-4o  mini__v2 ")).isEqualTo("gpt-4o-mini-v2");
        assertThat(Slugs.slugify("Café Olé")).isEqualTo("caf-ol");
        assertThat(Slugs.slugify("日本語")).isEmpty();
        assertThat(Slugs.slugify("\u212A")).as("Kelvin sign").isEmpty();
    }

    @Example
    void theDefaultLocaleDoesNotChangeSlugs() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(Slugs.slugify("TITLE ID")).isEqualTo("title-id");
        } finally {
            Locale.setDefault(previous);
        }
    }
}
