import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { AllocationPage } from '../allocation/AllocationPage';
import { BidLayout } from '../bids/BidLayout';
import { BidOverview } from '../bids/BidOverview';
import { BidsPage } from '../bids/BidsPage';
import { HistoryPage } from '../bids/HistoryPage';
import { NewBidPage } from '../bid-creation/NewBidPage';
import { CapacityPage } from '../capacity/CapacityPage';
import { ConventionPage } from '../convention/ConventionPage';
import { DecisionPage } from '../decision/DecisionPage';
import { MembersPage } from '../members/MembersPage';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

/** Every page, by its French address. */
export const router = createBrowserRouter([
  { path: '/connexion', element: <LoginPage /> },
  {
    element: <Shell />,
    children: [
      { index: true, element: <BidsPage /> },
      { path: 'candidatures/nouvelle', element: <NewBidPage /> },
      {
        path: 'candidatures/:bidId',
        element: <BidLayout />,
        children: [
          { index: true, element: <BidOverview /> },
          { path: 'membres', element: <MembersPage /> },
          { path: 'membres/:memberId/capacites', element: <CapacityPage /> },
          { path: 'repartition', element: <AllocationPage /> },
          { path: 'decision', element: <DecisionPage /> },
          { path: 'convention', element: <ConventionPage /> },
          { path: 'historique', element: <HistoryPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
