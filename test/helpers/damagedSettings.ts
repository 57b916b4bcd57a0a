/** Damaged settings.json contents that must never stop the app from starting, each with a name. */
export const DAMAGED_SETTINGS: readonly (readonly [string, string | Uint8Array])[] = [
  ['empty', ''],
  ['garbage', 'this is not JSON \u0000\u0001\u0002'],
  ['truncated JSON', '{"theme": "dark", "threads": '],
  ['a UTF-8 byte-order mark', '\uFEFF{"theme": "dark"}'],
  ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ['an array', '[1,2,3]'],
  ['null', 'null'],
  ['a string', '"x"'],
  ['a number', '3']
]
