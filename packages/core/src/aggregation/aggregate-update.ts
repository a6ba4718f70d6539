import { UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/store.ts';
import { keys } from '../table/keys.ts';
import { COUNTER_PREFIX, REVISION, aggregateIndexKeys, retiredAggregateAttributes } from './aggregate-item.ts';

/**
 * The most counters one update names. DynamoDB caps an expression at 4 KB; a counter takes
 * about 13 characters of it (`#a123 :a123, `), so 250 leave room for the SET clauses. A larger
 * change goes in several updates (apply-stream-batch.ts splits a batch by records, and a record
 * whose change to one scope is larger, such as a correction of the heaviest project that takes
 * its old counters away and adds new ones, in parts; the refresh splits its repair).
 */
export const MAX_COUNTERS_PER_UPDATE = 250;

/**
 * An UpdateItem on an aggregate, as both its writers (the stream aggregator and the
 * refresh's repair) build it: every write stamps the scope, type, county index keys and
 * time, and moves the revision, so the refresh can tell the aggregate it read is still current.
 */
export class AggregateUpdate {
  readonly names: Record<string, string> = { '#updatedAt': 'updatedAt', '#scope': 'scope', '#type': 'type', '#revision': REVISION };
  readonly values: Record<string, NativeAttributeValue>;
  private readonly sets = ['#updatedAt = :nowIso', '#scope = :scope', '#type = :type'];
  private readonly adds = ['#revision :one'];
  private readonly removes: string[] = [];
  private counters = 0;

  constructor(
    private readonly store: Store,
    private readonly scope: string,
  ) {
    this.values = { ':nowIso': store.now().toISOString(), ':scope': scope, ':type': 'Aggregate', ':one': 1 };
    Object.entries(aggregateIndexKeys(scope)).forEach(([attribute, value], i) => {
      this.names[`#k${i}`] = attribute;
      this.values[`:k${i}`] = value;
      this.sets.push(`#k${i} = :k${i}`);
    });
    for (const attribute of retiredAggregateAttributes(scope)) this.remove(attribute);
  }

  /** `SET name = value` (the refresh sets counters to the recount). */
  set(attributeName: string, value: NativeAttributeValue): this {
    return this.placeholder(attributeName, value, (n, v) => this.sets.push(`${n} = ${v}`));
  }

  /** `ADD counter delta` (the aggregator adds deltas). */
  addCounter(counter: string, delta: bigint): this {
    return this.placeholder(`${COUNTER_PREFIX}${counter}`, delta, (n, v) => this.adds.push(`${n} ${v}`));
  }

  setCounter(counter: string, value: bigint): this {
    return this.set(`${COUNTER_PREFIX}${counter}`, value);
  }

  /** `REMOVE name` (the aggregator drops finished shards' marks; nothing happens where the attribute is absent). */
  remove(attributeName: string): this {
    const i = this.counters++;
    this.names[`#a${i}`] = attributeName;
    this.removes.push(`#a${i}`);
    return this;
  }

  command(condition: string, extra: { returnOldOnConditionFailure?: boolean } = {}): UpdateCommand {
    return new UpdateCommand({
      TableName: this.store.tableName,
      Key: keys.aggregate(this.scope),
      UpdateExpression: `SET ${this.sets.join(', ')} ADD ${this.adds.join(', ')}${this.removes.length ? ` REMOVE ${this.removes.join(', ')}` : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: this.names,
      ExpressionAttributeValues: this.values,
      ...(extra.returnOldOnConditionFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    });
  }

  private placeholder(attributeName: string, value: NativeAttributeValue, use: (name: string, value: string) => void): this {
    const i = this.counters++;
    this.names[`#a${i}`] = attributeName;
    this.values[`:a${i}`] = value;
    use(`#a${i}`, `:a${i}`);
    return this;
  }
}
