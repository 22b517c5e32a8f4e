package dev.flywheel.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Group commit against the real Postgres: writes arriving while a transaction is in flight share the next one, each
 * caller gets its own item's answer, and a group that fails is retried item by item so only the bad item fails.
 */
@QuarkusTest
class GroupCommitTest {

    /** One statement for the whole group: 100 divided by each item, which Postgres refuses for 0. */
    private static final String DIVIDE = "select 100 / d as q from unnest($1::int[]) with ordinality as i(d, n) order by n";

    @Inject
    Pool pool;

    /** The items of each group the writer was given, in order. */
    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

    private Uni<List<Integer>> divide(SqlConnection connection, List<Integer> items) {
        groups.add(items);
        return connection.preparedQuery(DIVIDE).execute(Tuple.of(items.toArray(Integer[]::new))).map(rows -> {
            List<Integer> answers = new ArrayList<>();
            for (Row row : rows) {
                answers.add(row.getInteger("q"));
            }
            return answers;
        });
    }

    @Test
    void writesArrivingTogetherShareTransactionsAndEachGetsItsOwnAnswer() {
        GroupCommit<Integer, Integer> writer = new GroupCommit<>(pool, 500, this::divide);

        Map<Integer, Integer> answers = Multi.createFrom().range(1, 201)
                .onItem().transformToUniAndMerge(d -> writer.write(d).map(q -> Map.entry(d, q)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .await().atMost(Duration.ofSeconds(30));

        assertThat(answers).hasSize(200).allSatisfy((d, q) -> assertThat(q).isEqualTo(100 / d));
        // The first goes alone at once; the rest wait for it and go together.
        assertThat(groups.get(0)).hasSize(1);
        assertThat(groups).hasSizeLessThan(20);
    }

    @Test
    void aGroupHoldsAtMostItsLargestSize() {
        GroupCommit<Integer, Integer> writer = new GroupCommit<>(pool, 7, this::divide);

        Multi.createFrom().range(1, 101).onItem().transformToUniAndMerge(writer::write)
                .collect().asList().await().atMost(Duration.ofSeconds(30));

        assertThat(groups).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(7));
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(100);
    }

    @Test
    void aFailingGroupFailsOnlyTheItemThatBrokeIt() {
        GroupCommit<Integer, Integer> writer = new GroupCommit<>(pool, 500, this::divide);

        // 0 breaks every group it is in: alone on a retry, it must be the only failure.
        Map<Integer, Object> answers = Multi.createFrom().items(IntStream.rangeClosed(-50, 50).boxed())
                .onItem().transformToUniAndMerge(d -> writer.write(d).<Object>map(q -> q)
                        .onFailure().recoverWithItem(failure -> failure)
                        .map(answer -> Map.entry(d, answer)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .await().atMost(Duration.ofSeconds(30));

        assertThat(answers).hasSize(101);
        assertThat(answers.get(0)).isInstanceOfSatisfying(PgException.class,
                failure -> assertThat(failure.getSqlState()).isEqualTo("22012"));
        Map<Integer, Object> others = answers.entrySet().stream().filter(entry -> entry.getKey() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(others).allSatisfy((d, q) -> assertThat(q).isEqualTo(100 / d));
        assertThat(groups).as("0 was first written with others")
                .anySatisfy(group -> assertThat(group).contains(0).hasSizeGreaterThan(1));
        assertThat(groups).as("then retried alone").contains(List.of(0));
    }
}
