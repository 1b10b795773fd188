export { initParams, INIT_KINDS, type InitConfig, type DrawnInitConfig, type InitOrder } from './init.ts';
