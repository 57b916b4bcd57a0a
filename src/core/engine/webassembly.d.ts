// The part of the WebAssembly JavaScript API the engine uses, for the Node-side type check
// (TypeScript ships these types only in lib.dom, which the Node side does not load; the web
// side uses lib.dom's and excludes this file).
declare namespace WebAssembly {
  interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
  interface Memory { readonly buffer: ArrayBuffer | SharedArrayBuffer; grow(delta: number): number }
  var Memory: { prototype: Memory; new (descriptor: MemoryDescriptor): Memory }
  interface Module {}
  var Module: { prototype: Module; new (bytes: BufferSource): Module; customSections(module: Module, name: string): ArrayBuffer[] }
  interface Instance { readonly exports: Record<string, unknown> }
  var Instance: { prototype: Instance; new (module: Module, importObject?: Record<string, Record<string, unknown>>): Instance }
  function validate(bytes: BufferSource): boolean
}
