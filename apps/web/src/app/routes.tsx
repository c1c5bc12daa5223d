import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { BidLayout } from '../bids/BidLayout';
import { BidOverview } from '../bids/BidOverview';
import { BidsPage } from '../bids/BidsPage';
import { Loading } from '../ui/Loading';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

// The pages a person opens now and then come in their own files, so that a phone downloads the
// charts, the creation form or the signing page only when they are opened.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({
  Component: (await load()).default,
});

/** Every page, by its French address. */
export const router = createBrowserRouter([
  { path: '/connexion', element: <LoginPage /> },
  {
    element: <Shell />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <BidsPage /> },
      {
        path: 'candidatures/nouvelle',
        lazy: page(() =>
          import('../bid-creation/NewBidPage').then((m) => ({ default: m.NewBidPage })),
        ),
      },
      {
        path: 'representations',
        lazy: page(() =>
          import('../representations/RepresentationsPage').then((m) => ({
            default: m.RepresentationsPage,
          })),
        ),
      },
      {
        path: 'reseaux/:networkId/annuaire',
        lazy: page(() =>
          import('../directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })),
        ),
      },
      {
        path: 'reseaux/:networkId/charte',
        lazy: page(() =>
          import('../charter/CharterPage').then((m) => ({ default: m.CharterPage })),
        ),
      },
      {
        path: 'reseaux/:networkId/annuaire/:organisationId',
        lazy: page(() =>
          import('../directory/DirectoryOrganisationPage').then((m) => ({
            default: m.DirectoryOrganisationPage,
          })),
        ),
      },
      {
        path: 'administration/courriels',
        lazy: page(() =>
          import('../admin/DemoMailboxPage').then((m) => ({ default: m.DemoMailboxPage })),
        ),
      },
      {
        // A subcontractor's own page: nothing of the bid around it.
        path: 'sous-traitance/:bidId/:memberId',
        lazy: page(() =>
          import('../subcontracting/SubcontractorPage').then((m) => ({
            default: m.SubcontractorPage,
          })),
        ),
      },
      {
        path: 'candidatures/:bidId',
        element: <BidLayout />,
        children: [
          { index: true, element: <BidOverview /> },
          {
            path: 'membres',
            lazy: page(() =>
              import('../members/MembersPage').then((m) => ({ default: m.MembersPage })),
            ),
          },
          {
            path: 'membres/:memberId/capacites',
            lazy: page(() =>
              import('../capacity/CapacityPage').then((m) => ({ default: m.CapacityPage })),
            ),
          },
          {
            path: 'avis-rectificatifs',
            lazy: page(() =>
              import('../corrigenda/CorrigendaPage').then((m) => ({ default: m.CorrigendaPage })),
            ),
          },
          {
            path: 'repartition',
            lazy: page(() =>
              import('../allocation/AllocationPage').then((m) => ({ default: m.AllocationPage })),
            ),
          },
          {
            path: 'decision',
            lazy: page(() =>
              import('../decision/DecisionPage').then((m) => ({ default: m.DecisionPage })),
            ),
          },
          {
            path: 'convention',
            lazy: page(() =>
              import('../convention/ConventionPage').then((m) => ({ default: m.ConventionPage })),
            ),
          },
          {
            path: 'modifications',
            lazy: page(() =>
              import('../change-requests/ChangeRequestsPage').then((m) => ({
                default: m.ChangeRequestsPage,
              })),
            ),
          },
          {
            path: 'attribution',
            lazy: page(() =>
              import('../after-award/AwardPage').then((m) => ({ default: m.AwardPage })),
            ),
          },
          {
            path: 'realise',
            lazy: page(() =>
              import('../after-award/DeclarePage').then((m) => ({ default: m.DeclarePage })),
            ),
          },
          {
            path: 'bons-de-commande',
            lazy: page(() =>
              import('../after-award/OrdersPage').then((m) => ({ default: m.OrdersPage })),
            ),
          },
          {
            path: 'suivi',
            lazy: page(() =>
              import('../after-award/FollowUpPage').then((m) => ({ default: m.FollowUpPage })),
            ),
          },
          {
            path: 'nouvelle-repartition',
            lazy: page(() =>
              import('../after-award/ReplanPage').then((m) => ({ default: m.ReplanPage })),
            ),
          },
          {
            path: 'rapports',
            lazy: page(() =>
              import('../after-award/ReportsPage').then((m) => ({ default: m.ReportsPage })),
            ),
          },
          {
            path: 'renouveler',
            lazy: page(() =>
              import('../renewal/RenewPage').then((m) => ({ default: m.RenewPage })),
            ),
          },
          {
            path: 'historique',
            lazy: page(() =>
              import('../bids/HistoryPage').then((m) => ({ default: m.HistoryPage })),
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
