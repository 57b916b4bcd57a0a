/** The page's entry: the studio, talking to the rest of the app through getApi() (preload or WebSocket). */
import { createApp } from 'vue'
import StudioApp from './StudioApp.vue'
import { getApi } from './transport'
import './base.css'

createApp(StudioApp, { api: getApi() }).mount('#app')
