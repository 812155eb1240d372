/**
 * A model whose known fields are the keys of its `shape`: a zod object model of this SDK, a
 * schema of your own (from any copy of zod), or any object with a `shape`.
 */
export interface ShapedModel {
  readonly shape: object;
}

/**
 * A row type with its known fields only: the index signature of a `z.looseObject` output (the
 * fields a vendor adds later) dropped, so that a misspelt field does not compile. Those fields
 * still pass through at run time; read them with {@link extraFields}.
 *
 * @example
 * ```ts
 * type Visit = KnownFields<z.output<typeof VisitSchema>>;
 * ```
 */
export type KnownFields<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/**
 * The fields of a row that its model does not name: columns or fields the vendor added after
 * the SDK was written, passed through as they were sent (a string in a CSV row, any JSON value
 * in a Luscii or DexCare record). Row types name the known fields only, so that a misspelt
 * field does not compile (`m.mesage_body`); this is the one way to read the others, without a
 * cast. A new object each call; the row is not changed.
 *
 * @example
 * ```ts
 * for await (const m of exp.rows('messages')) {
 *   const extra = extraFields(m, SpruceMessageRow); // { priority: 'high' } once Spruce adds the column
 *   if (typeof extra.priority === 'string') flag(m.message_id, extra.priority);
 * }
 * ```
 */
export function extraFields(row: object, model: ShapedModel): Readonly<Record<string, unknown>> {
  const known = model.shape;
  // fromEntries, not assignment: a field named `__proto__` stays a field.
  return Object.fromEntries(Object.entries(row).filter(([key]) => !Object.hasOwn(known, key)));
}
