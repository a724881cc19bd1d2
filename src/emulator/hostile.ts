export { HOSTILE_HTML, HOSTILE_MARKER, HOSTILE_TERMINAL, HOSTILE_TEXT } from './hostile-data';
export { hostileProfileFor } from './modules';
