import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import type { Screen } from './session/permissions.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** The screen a route belongs to, for role-aware navigation. */
    screen: Screen;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'floor', component: () => import('./modules/floor/FloorScreen.vue'), meta: { screen: 'floor' } },
  {
    path: '/queues',
    name: 'queues',
    component: () => import('./modules/queues/QueuesScreen.vue'),
    meta: { screen: 'queues' },
  },
  {
    path: '/agents',
    name: 'agents',
    component: () => import('./modules/agents/AgentsScreen.vue'),
    meta: { screen: 'agents' },
  },
  {
    path: '/campaigns',
    name: 'campaigns',
    component: () => import('./modules/campaigns/CampaignsScreen.vue'),
    meta: { screen: 'campaigns' },
  },
  {
    path: '/accounts',
    name: 'accounts',
    component: () => import('./modules/accounts/AccountsScreen.vue'),
    meta: { screen: 'accounts' },
  },
  {
    path: '/accounts/:id',
    name: 'account',
    component: () => import('./modules/accounts/AccountCase.vue'),
    props: true,
    meta: { screen: 'accounts' },
  },
  {
    path: '/agency',
    name: 'agency',
    component: () => import('./modules/agency/AgencyScreen.vue'),
    meta: { screen: 'agency' },
  },
  {
    path: '/agencies',
    name: 'agencies',
    component: () => import('./modules/agencies/AgenciesScreen.vue'),
    meta: { screen: 'agencies' },
  },
  {
    path: '/analytics',
    name: 'analytics',
    component: () => import('./modules/analytics/AnalyticsScreen.vue'),
    meta: { screen: 'analytics' },
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

export function buildRouter(): Router {
  return createRouter({ history: createWebHistory(), routes });
}
