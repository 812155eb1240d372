/**
 * A column Spruce adds later passes through as a string, whatever it is called: also when its
 * name is that of an object member (`constructor`, `toString`, `valueOf`), which a typed row
 * used to drop because the header check found the name on the model's prototype.
 * `__proto__` is the one name that cannot become a plain object's own key: it is left out.
 */
import { describe, expect, test } from 'vitest';
import { openSpruceExport } from '../src/index.js';
import { buildZip } from '../src/testing.js';
import { collect } from './helpers/index.js';

const METADATA = 'start_timestamp,end_timestamp\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z\n';
const HEADER = 'page_id,conversation_id,message_id,resolved,resolved_timestamp,resolved_by_entity_id';

async function pagesWithColumn(name: string, raw: boolean) {
  const csv = `${HEADER},${name}\npage_1,conv_1,msg_1,true,,,added later\n`;
  const exp = await openSpruceExport(buildZip([{ name: 'metadata.csv', data: METADATA }, { name: 'pages.csv', data: csv }]));
  return collect(exp.rows('pages', { raw }));
}

describe('a new column named like an object member', () => {
  test.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])('%s passes through, typed and raw', async (name) => {
    const [typed] = await pagesWithColumn(name, false);
    expect(typed).toEqual({
      page_id: 'page_1',
      conversation_id: 'conv_1',
      message_id: 'msg_1',
      resolved: true,
      resolved_timestamp: null,
      resolved_by_entity_id: null,
      [name]: 'added later',
    });
    const [raw] = await pagesWithColumn(name, true);
    expect(Object.hasOwn(raw!, name) && (raw as Record<string, string>)[name]).toBe('added later');
  });

  test('__proto__ is left out, and the known columns are read as ever', async () => {
    const [typed] = await pagesWithColumn('__proto__', false);
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    expect(typed).toMatchObject({ page_id: 'page_1', resolved: true });
  });
});
