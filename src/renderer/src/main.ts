import { createApp } from 'vue'
import AppShell from './AppShell.vue'
import './base.css'

createApp(AppShell).mount('#app')
